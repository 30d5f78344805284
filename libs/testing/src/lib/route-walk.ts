import { declaredAccess, type DeclaredAccess } from '@accounts/security';
import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';

/** One route of a running Nest app, as its controllers declare it. */
export interface DeclaredRoute {
  readonly method:
    | 'GET'
    | 'POST'
    | 'PUT'
    | 'PATCH'
    | 'DELETE'
    | 'HEAD'
    | 'OPTIONS'
    | 'ALL';
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
      const controller = wrapper.metatype as
        | (new (...args: unknown[]) => object)
        | undefined;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const base = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of methodNames(controller.prototype)) {
        const handler = controller.prototype[name] as object;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as
          | RequestMethod
          | undefined;
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
  return routes.sort((a, b) =>
    `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`),
  );
}

/** `/accounts/:id` with `{ id: 'a1' }` -> `/accounts/a1`; a parameter without a value gets a fresh-looking id. */
export function fillPath(
  path: string,
  values: Readonly<Record<string, string>>,
): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) =>
    encodeURIComponent(values[name] ?? '00000000-0000-4000-8000-000000000000'),
  );
}

function methodNames(prototype: object): string[] {
  const names = new Set<string>();
  for (
    let p = prototype;
    p && p !== Object.prototype;
    p = Object.getPrototypeOf(p)
  )
    for (const name of Object.getOwnPropertyNames(p))
      if (name !== 'constructor') names.add(name);
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
