import { fashionSet } from '../datasets';
import { ensureDirs } from '../datasets';
ensureDirs('.');
void fashionSet('.', 256, 1e7).then((d) => console.log(d));
