import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { imageHealthScanCreatePermission } from '@image-health/plugin-image-health-common';

/**
 * The example backend's policy: a user may rescan an entity (Image Health's
 * `image-health.scan.create`) only when they own it, directly or through a
 * group they belong to; the catalog checks ownership with its `isEntityOwner`
 * rule. Everything else is allowed, as in a fresh Backstage app: adopters
 * write their own rules for the rest.
 */
export class ImageHealthExamplePolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, imageHealthScanCreatePermission)) {
      const claims = user
        ? (await this.userInfo.getUserInfo(user.credentials))
            .ownershipEntityRefs
        : [];
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link ImageHealthExamplePolicy} in the permission backend. */
export const imageHealthExamplePolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'image-health-example-policy',
  register(env) {
    env.registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, userInfo }) {
        policy.setPolicy(new ImageHealthExamplePolicy(userInfo));
      },
    });
  },
});
