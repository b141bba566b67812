// Imported first by main.ts: the CSP allows no eval, and zod would otherwise probe `new Function` while its object
// schemas are built (at module load), which the browser reports as a CSP violation even though zod falls back.
import { z } from 'zod';

z.config({ jitless: true });
