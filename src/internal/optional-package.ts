import { OptionalPackageMissingError } from '../errors/optional-package.js';

/**
 * @internal Loads an optional peer dependency with `load` (a dynamic `import()`), or throws
 * {@link OptionalPackageMissingError} naming the package to install.
 */
export async function loadOptional<T>(packageName: string, feature: string, load: () => Promise<unknown>): Promise<T> {
  try {
    return (await load()) as T;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new OptionalPackageMissingError(packageName, feature, typeof code === 'string' ? code : undefined);
  }
}
