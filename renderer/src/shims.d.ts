// Ambient module shapes for what Vite bundles besides TypeScript: single-file components and CSS.
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

declare module '*.css'
