/** This package's version, sent in the default `User-Agent`. Kept equal to package.json by a test. */
export const VERSION = '0.3.0';
