// The styles of the pages across reports. This module is in their shared chunk (vite.config.ts),
// whose script adds them to the page (vite-plugin-css-injected-by-js): one request fewer on each
// of these pages than a stylesheet of their own.
import './across.css'
