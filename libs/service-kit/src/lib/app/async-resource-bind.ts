import { AsyncResource } from 'node:async_hooks';
import { deprecate } from 'node:util';

type Bind = (this: AsyncResource, fn: (...args: never[]) => unknown, thisArg?: unknown) => unknown;
type Bound = ((...args: unknown[]) => unknown) & { [RESOURCE]?: AsyncResource };

const RESOURCE = Symbol('accounts.boundAsyncResource');
const DEPRECATION = 'The asyncResource property on bound functions is deprecated';

// Node's own getter and setter, built once here instead of twice per bind() (util.deprecate
// wrappers): still deprecated, still DEP0172, still the resource.
const asyncResourceProperty: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get: deprecate(
    function (this: Bound) {
      return this[RESOURCE];
    },
    DEPRECATION,
    'DEP0172',
  ),
  set: deprecate(
    function (this: Bound, resource: AsyncResource) {
      this[RESOURCE] = resource;
    },
    DEPRECATION,
    'DEP0172',
  ),
};

let installed = false;

/**
 * Node 20's AsyncResource.prototype.bind builds two util.deprecate() wrappers and redefines
 * `length` on every call, for the DEP0172 `asyncResource` getters; Fastify calls it once per
 * request with a body (ContentTypeParser.run), where it cost 5 % of a grant worker's CPU. This
 * replaces it, once per process, by an equivalent: the bound function runs `fn` in the resource's
 * async scope (so AsyncLocalStorage stores survive body parsing), has `fn`'s length, and keeps the
 * deprecated `asyncResource` property through one shared getter. Installed only while Node's own
 * bind still defines that property (later Node versions may drop it, and with it the cost).
 */
export function installCheapAsyncResourceBind(): void {
  if (installed) return;
  installed = true;
  const native = AsyncResource.prototype.bind as unknown as Bind;
  const probe = native.call(new AsyncResource('accounts.probe'), () => undefined);
  if (!Object.getOwnPropertyDescriptor(probe, 'asyncResource')?.get) return;
  AsyncResource.prototype.bind = cheapBind as typeof AsyncResource.prototype.bind;
}

function cheapBind(
  this: AsyncResource,
  fn: (...args: unknown[]) => unknown,
  thisArg?: unknown,
): Bound {
  if (typeof fn !== 'function') {
    throw Object.assign(
      new TypeError(`The "fn" argument must be of type function. Received ${typeof fn}`),
      { code: 'ERR_INVALID_ARG_TYPE' },
    );
  }
  const bound = arityOf(fn.length)(this, fn, thisArg);
  if (bound.length !== fn.length) {
    Object.defineProperty(bound, 'length', {
      configurable: true,
      enumerable: false,
      value: fn.length,
      writable: false,
    });
  }
  bound[RESOURCE] = this;
  Object.defineProperty(bound, 'asyncResource', asyncResourceProperty);
  return bound;
}

type Make = (
  resource: AsyncResource,
  fn: (...args: unknown[]) => unknown,
  thisArg: unknown,
) => Bound;

/**
 * Wrappers that declare the usual numbers of parameters, so their `length` is already `fn`'s:
 * redefining `length` is what costs most in a bind (it turns the function into a slow object).
 * `this` is the caller's unless bind() was given one, as in Node.
 */
const WRAPPERS: readonly Make[] = [
  (resource, fn, thisArg) =>
    function bound(this: unknown) {
      // eslint-disable-next-line prefer-rest-params
      return resource.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...arguments);
    },
  (resource, fn, thisArg) =>
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    function bound(this: unknown, _a: unknown) {
      // eslint-disable-next-line prefer-rest-params
      return resource.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...arguments);
    },
  (resource, fn, thisArg) =>
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    function bound(this: unknown, _a: unknown, _b: unknown) {
      // eslint-disable-next-line prefer-rest-params
      return resource.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...arguments);
    },
  (resource, fn, thisArg) =>
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    function bound(this: unknown, _a: unknown, _b: unknown, _c: unknown) {
      // eslint-disable-next-line prefer-rest-params
      return resource.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...arguments);
    },
];

function arityOf(length: number): Make {
  return WRAPPERS[length] ?? WRAPPERS[0];
}
