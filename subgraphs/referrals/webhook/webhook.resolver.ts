import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { toConnection } from '../../kit/connection';
import type { ReferralsContext } from '../context';
import { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from './webhook.inputs';
import {
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from './webhook.types';

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Query(() => [WebhookEndpoint], {
    description: "An organization's webhook endpoints (its partners and admins).",
  })
  webhookEndpoints(
    @Arg('organizationId', () => ID) organizationId: string,
    @Ctx() ctx: ReferralsContext,
  ): Promise<WebhookEndpoint[]> {
    return ctx.webhooks.list(organizationId);
  }

  @Query(() => WebhookDeliveryConnection, {
    description: "An endpoint's deliveries, newest first, each with every attempt.",
  })
  async webhookDeliveries(
    @Arg('endpointId', () => ID) endpointId: string,
    @Ctx() ctx: ReferralsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<WebhookDeliveryConnection> {
    return toConnection(await ctx.webhooks.page(endpointId, first, after));
  }

  @Mutation(() => WebhookEndpointWithSecret, {
    description:
      'Registers an endpoint for referral events of an organization; returns its signing secret, once.',
  })
  createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() ctx: ReferralsContext,
  ): Promise<WebhookEndpointWithSecret> {
    return ctx.webhooks.create(input);
  }

  @Mutation(() => WebhookEndpoint)
  updateWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
    @Ctx() ctx: ReferralsContext,
  ): Promise<WebhookEndpoint> {
    return ctx.webhooks.update(id, input);
  }

  @Mutation(() => WebhookEndpointWithSecret, {
    description:
      'A new signing secret, returned once; the previous one keeps signing too for `graceSeconds` (default: a day).',
  })
  rotateWebhookSecret(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: ReferralsContext,
    @Arg('graceSeconds', () => Int, { nullable: true }) graceSeconds?: number | null,
  ): Promise<WebhookEndpointWithSecret> {
    return ctx.webhooks.rotate(id, graceSeconds);
  }

  @Mutation(() => ID, { description: 'Deletes an endpoint and its delivery log; returns its id.' })
  deleteWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: ReferralsContext,
  ): Promise<string> {
    return ctx.webhooks.delete(id);
  }

  @Mutation(() => WebhookDelivery, {
    description: 'Sends a delivery again now, with the same webhook-id; one attempt.',
  })
  redeliverWebhook(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Ctx() ctx: ReferralsContext,
  ): Promise<WebhookDelivery> {
    return ctx.webhooks.redeliver(deliveryId);
  }
}
