// The registry of operations: every revocation, keyed by its action, with its command and its undo. The key type
// comes from the core descriptors (cloud/operations.ts), so a revocation there without an entry here does not
// compile. commands/index.ts registers the commands from it, commands/undo.ts runs undos through it.

import type { RevocationAction } from '../../cloud/operations';
import { detachAppPolicyOperation } from './detachAppPolicy';
import type { RegisteredRevocation } from './operation';
import { detachPolicyFromRoleOperation, detachPolicyFromUserOperation, removeUserFromGroupOperation } from './ramGrantWrites';
import { unbindInputBucketOperation } from './unbindInputBucket';
import { unbindOutputBucketOperation } from './unbindOutputBucket';

export const REVOCATIONS: { readonly [A in RevocationAction]: RegisteredRevocation<A> } = {
  UnbindOutputBucket: unbindOutputBucketOperation,
  UnbindInputBucket: unbindInputBucketOperation,
  DetachAppPolicyFromIdentity: detachAppPolicyOperation,
  DetachPolicyFromUser: detachPolicyFromUserOperation,
  DetachPolicyFromRole: detachPolicyFromRoleOperation,
  RemoveUserFromGroup: removeUserFromGroupOperation,
};
