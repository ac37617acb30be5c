// The part of jose (https://github.com/panva/jose, MIT) this package uses: the build bundles it into
// dist/vendor/jose.js (gulpfile.js), so the published package has no runtime dependency for n8n to install.
export { SignJWT } from 'jose';
