import { declaredAccess, type DeclaredAccess } from '@accounts/security';
import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';

/** One route of a running Nest app, as its controllers declare it. */
export interface DeclaredRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ALL';
  /** Express-style path, e.g. `/accounts/:id/account-type`. */
  readonly path: string;
  readonly controller: string;
  readonly handler: string;
  readonly access: DeclaredAccess;
}

/**
 * Every route of the app with its declared access rule, read from Nest's own route metadata (the
 * same metadata the router and the AccessPolicyGuard read), so a route added tomorrow is listed too.
 */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const reflector = new Reflector();
  const routes: DeclaredRoute[] = [];
  const seen = new Set<unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => object) | undefined;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const base = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of methodNames(controller.prototype)) {
        const handler = controller.prototype[name] as object;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const own = Reflect.getMetadata(PATH_METADATA, handler);
        if (method === undefined || own === undefined) continue;
        for (const prefix of base)
          for (const suffix of pathsOf(own))
            routes.push({
              method: RequestMethod[method] as DeclaredRoute['method'],
              path: joinPath(prefix, suffix),
              controller: controller.name,
              handler: name,
              access: declaredAccess(
                reflector,
                handler as (...args: unknown[]) => unknown,
                controller,
              ),
            });
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** `/accounts/:id` with `{ id: 'a1' }` -> `/accounts/a1`; a parameter without a value gets a fresh-looking id. */
export function fillPath(path: string, values: Readonly<Record<string, string>>): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) =>
    encodeURIComponent(values[name] ?? '00000000-0000-4000-8000-000000000000'),
  );
}

function methodNames(prototype: object): string[] {
  const names = new Set<string>();
  for (let p = prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p))
    for (const name of Object.getOwnPropertyNames(p)) if (name !== 'constructor') names.add(name);
  return [...names];
}

function pathsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [value === undefined ? '/' : String(value)];
}

function joinPath(prefix: string, suffix: string): string {
  const joined = `/${prefix}/${suffix}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** How a route's declaration reads in a route table: `public`, `person`, `scope profile:read (person: email)`. */
export function describeAccess(access: DeclaredAccess): string {
  if (access.kind !== 'scope') return access.kind;
  const fields = access.personOnlyFields?.length
    ? ` (person: ${access.personOnlyFields.join(', ')})`
    : '';
  return `scope ${access.scope}${fields}`;
}

export interface RouteWalkOptions {
  readonly app: INestApplication;
  /** A signed API access token (kind api) with exactly these scopes, for an administrator of the organization in `params`. */
  apiToken(scopes: readonly string[]): Promise<string>;
  /** Values for path parameters (`orgId`, `id`...): ids that exist, so a permitted call reaches the handler. */
  readonly params: Readonly<Record<string, string>>;
  /** Every scope there is. */
  readonly allScopes: readonly string[];
}

export interface RouteWalkFinding {
  readonly route: string;
  readonly problem: string;
}

/**
 * Calls every route with API tokens and reports each answer that contradicts the declaration:
 * person-only routes must refuse even a token with every scope (403 AUTH-person-only); scoped routes
 * must refuse a token with every other scope (403 AUTH-scope-missing) and let one with the scope
 * through, while person-only body fields are refused; public routes must not ask for a token.
 */
export async function walkRoutes(options: RouteWalkOptions): Promise<RouteWalkFinding[]> {
  const supertest = (await import('supertest')).default;
  const server = options.app.getHttpServer();
  const findings: RouteWalkFinding[] = [];
  const call = async (route: DeclaredRoute, token: string | undefined, body: object = {}) => {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let test = supertest(server)[method](fillPath(route.path, options.params));
    if (token) test = test.set('Authorization', `Bearer ${token}`);
    if (method !== 'get' && method !== 'delete') test = test.send(body);
    const response = await test;
    const challenge = String(response.headers['www-authenticate'] ?? '');
    return {
      status: response.status,
      code: (response.body as { code?: unknown })?.code,
      challenge,
    };
  };
  for (const route of declaredRoutes(options.app)) {
    const name = `${route.method} ${route.path}`;
    const expect = (ok: boolean, problem: string) => {
      if (!ok) findings.push({ route: name, problem });
    };
    const access = route.access;
    if (access.kind === 'undeclared') {
      expect(false, 'declares no access rule (@Public, @PersonOnly or @RequireScope)');
      continue;
    }
    if (access.kind === 'public') {
      const answer = await call(route, undefined);
      // The OAuth endpoints (Basic) and the operations API (its own token) authenticate callers themselves;
      // none may ask for a bearer access token.
      expect(
        !(answer.status === 401 && answer.challenge.startsWith('Bearer')),
        `public route asked for an access token`,
      );
      continue;
    }
    if (access.kind === 'person') {
      const answer = await call(route, await options.apiToken(options.allScopes));
      expect(
        answer.status === 403 && answer.code === 'AUTH-person-only',
        `person-only route answered ${answer.status} ${String(answer.code)} to an API token with every scope`,
      );
      continue;
    }
    const others = options.allScopes.filter((s) => s !== access.scope);
    const without = await call(route, await options.apiToken(others));
    expect(
      without.status === 403 && without.code === 'AUTH-scope-missing',
      `answered ${without.status} ${String(without.code)} to an API token without ${access.scope}`,
    );
    const withScope = await call(route, await options.apiToken([access.scope]));
    expect(
      withScope.status !== 401 &&
        withScope.code !== 'AUTH-scope-missing' &&
        withScope.code !== 'AUTH-person-only',
      `answered ${withScope.status} ${String(withScope.code)} to an API token with ${access.scope}`,
    );
    for (const field of access.personOnlyFields ?? []) {
      const answer = await call(route, await options.apiToken(options.allScopes), { [field]: 'x' });
      expect(
        answer.status === 403 && answer.code === 'AUTH-person-only',
        `accepted the person-only field ${field} from an API token (${answer.status})`,
      );
    }
  }
  return findings;
}
