/** `.graphql` files are turned into persisted queries at build time (scripts/build-assets.mjs). */
declare module '*.graphql' {
  const persisted: import('./hub-client.js').PersistedQuery;
  export default persisted;
}
