// node-postgres decides at load time whether it runs on Cloudflare Workers: where Node has no
// `navigator` (Node 20), it constructs a fetch `Response`, which loads Node's bundled undici, about
// 15 ms of every run's start-up that a database connection never uses. A `navigator` that says "not
// Cloudflare" is defined only while pg loads (navigator-before-pg.ts runs just before this import);
// Node 21+ has its own and is left alone.
import { restoreNavigator } from './navigator-before-pg.js';
import pg from 'pg';

restoreNavigator();

export default pg;
