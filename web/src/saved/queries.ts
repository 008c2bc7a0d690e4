import { ListingFields } from '../find/queries';
import { graphql, type ResultOf } from '../shared/graphql';

/**
 * The signed-in peer's saved list by folder, each entry with the listing's page fields, so that the
 * copy kept on the phone can show `/saved` and each saved listing with no network.
 */
export const SavedQuery = graphql(
  `
    query SavedList {
      me {
        id
        peer {
          id
          savedFolders {
            name
            items {
              id
              resourceId
              folder
              note
              savedAt
              listed
              resource {
                ...ListingFields
              }
            }
          }
        }
      }
    }
  `,
  [ListingFields],
);

export type SavedFolder = NonNullable<
  NonNullable<ResultOf<typeof SavedQuery>['me']>['peer']
>['savedFolders'][number];
export type SavedItem = SavedFolder['items'][number];

/** The folders' names and what is in each: for the Save form on a listing. */
export const FolderNamesQuery = graphql(`
  query SavedFolderNames {
    me {
      id
      peer {
        id
        savedFolders {
          name
          items {
            id
            resourceId
            note
          }
        }
      }
    }
  }
`);

export const SaveMutation = graphql(`
  mutation SaveListing($resourceId: ID!, $folder: String, $note: String) {
    saveResource(resourceId: $resourceId, folder: $folder, note: $note) {
      id
      folder
      note
      savedAt
    }
  }
`);

export const RemoveSavedMutation = graphql(`
  mutation RemoveSaved($resourceId: ID!, $folder: String) {
    removeSavedResource(resourceId: $resourceId, folder: $folder)
  }
`);

export const RenameFolderMutation = graphql(`
  mutation RenameSavedFolder($from: String!, $to: String!) {
    renameSavedFolder(from: $from, to: $to)
  }
`);

export const RemoveFolderMutation = graphql(`
  mutation RemoveSavedFolder($folder: String!) {
    removeSavedFolder(folder: $folder)
  }
`);
