import type { FastifyInstance, RouteOptions } from "fastify";
import type { StaffPermission } from "../modules/access/policy.ts";

/**
 * Who may call a route. Every route of every surface declares it, and a surface refuses to start with a
 * route that does not, so no handler can forget to check: the surface's preHandler enforces what is declared.
 */
export type RouteAccess =
  | { kind: "public" }
  /** `afterSignIn`: where a form sent to this route with the session gone resumes, when it has no page of its own. */
  | { kind: "candidate"; afterSignIn?: string }
  /** A signed-in member of staff whose role grants the permission. */
  | { kind: "staff"; permission: StaffPermission };

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** Anyone, signed in or not. */
export const PUBLIC = { config: { access: { kind: "public" } } } as const satisfies { config: { access: RouteAccess } };
/** A signed-in candidate; others are sent to ログイン and brought back. */
export const CANDIDATE = { config: { access: { kind: "candidate" } } } as const satisfies { config: { access: RouteAccess } };

/** A signed-in member of staff whose role grants `permission`; others are sent to sign in, or refused (403). */
export function STAFF(permission: StaffPermission): { config: { access: RouteAccess } } {
  return { config: { access: { kind: "staff", permission } } };
}

/** Makes a surface refuse, at start-up, any route without a declared access of a kind it enforces. */
export function requireDeclaredAccess(app: FastifyInstance, surface: string, kinds: readonly RouteAccess["kind"][]): void {
  app.addHook("onRoute", (route: RouteOptions) => {
    const access = route.config?.access;
    if (!access || !kinds.includes(access.kind)) {
      throw new Error(`${surface} route ${route.method} ${route.url} must declare its access (${kinds.join(" or ")})`);
    }
  });
}
