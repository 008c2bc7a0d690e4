import { validate, type ValidationError } from 'class-validator';
import { BadUserInputError } from './errors';

function firstProblem(
  errors: ValidationError[],
  path: string[] = [],
): { field: string; message: string } | undefined {
  for (const error of errors) {
    const here = [...path, error.property];
    const constraint = error.constraints ? Object.values(error.constraints)[0] : undefined;
    if (constraint) {
      const field = formatPath(here);
      // class-validator messages start with the property name; say the full path instead.
      const message = constraint.startsWith(`${error.property} `)
        ? constraint.slice(error.property.length + 1)
        : constraint;
      return { field, message };
    }
    const nested = firstProblem(error.children ?? [], here);
    if (nested) return nested;
  }
  return undefined;
}

function formatPath(parts: string[]): string {
  return parts.reduce(
    (acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
}

/**
 * Runs the class-validator rules of an argument object (and of nested inputs) and turns the first
 * failure into `BAD_USER_INPUT` naming the field, e.g. `latitude: must not be greater than 90`.
 */
export async function validateArgument(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  const items: unknown[] = Array.isArray(value) ? value : [value];
  for (const item of items) {
    if (item === null || typeof item !== 'object' || item.constructor === Object) continue;
    const errors = await validate(item, {
      forbidUnknownValues: false,
      validationError: { target: false },
    });
    const problem = firstProblem(errors);
    if (problem) throw new BadUserInputError(problem.message, problem.field);
  }
}
