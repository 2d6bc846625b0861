// Set by wxt.config.ts (vite `define`): true in the test build (`--mode test`), false in the store build.
interface ImportMetaEnv {
  readonly BACKSTORY_TEST_BUILD: boolean;
}
