// Converts Fashion-MNIST (IDX files, as Debian's dataset-fashion-mnist installs them) to a CSV: pixel_R_C columns (like examples/digits.csv) and label.
// usage: npx tsx scripts/fashion-mnist.ts OUT.csv [--count N] [--images FILE.gz] [--labels FILE.gz]
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const DIR = '/usr/share/datasets/fashion-mnist';
const usage =
  'usage: fashion-mnist.ts OUT.csv [--count N] [--images train-images-idx3-ubyte.gz] [--labels train-labels-idx1-ubyte.gz]';

function readIdx(file: string): { dims: number[]; data: Uint8Array } {
  const raw = readFileSync(file);
  const buf = file.endsWith('.gz') ? gunzipSync(raw) : raw;
  // IDX: two zero bytes, a type byte (0x08 = unsigned byte), the number of dimensions, then big-endian uint32 sizes
  if (buf[0] !== 0 || buf[1] !== 0 || buf[2] !== 0x08)
    throw new Error(`${file}: not an unsigned-byte IDX file`);
  const nd = buf[3];
  const dims: number[] = [];
  for (let i = 0; i < nd; i++) dims.push(buf.readUInt32BE(4 + 4 * i));
  const start = 4 + 4 * nd;
  const size = dims.reduce((a, b) => a * b, 1);
  if (buf.length < start + size)
    throw new Error(`${file}: truncated (${buf.length - start} of ${size} bytes)`);
  return { dims, data: new Uint8Array(buf.buffer, buf.byteOffset + start, size) };
}

/** The first `count` images as CSV text: one row per image, pixels row by row, then its label (0..9). */
export function fashionCsv(imagesFile: string, labelsFile: string, count: number): string {
  const images = readIdx(imagesFile);
  const labels = readIdx(labelsFile);
  const [n, h, w] = images.dims;
  if (labels.dims[0] !== n)
    throw new Error(`${imagesFile} has ${n} images but ${labelsFile} has ${labels.dims[0]} labels`);
  const rows = Math.min(count, n);
  const header: string[] = [];
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) header.push(`pixel_${r}_${c}`);
  header.push('label');
  const out: string[] = [header.join(',')];
  const px = h * w;
  for (let i = 0; i < rows; i++) {
    out.push(Array.from(images.data.subarray(i * px, (i + 1) * px)).join(',') + ',' + labels.data[i]);
  }
  return out.join('\n') + '\n';
}

function main(argv: string[]): void {
  let count = 10000;
  let images = `${DIR}/train-images-idx3-ubyte.gz`;
  let labels = `${DIR}/train-labels-idx1-ubyte.gz`;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--count') count = Number(argv[++i]);
    else if (argv[i] === '--images') images = argv[++i];
    else if (argv[i] === '--labels') labels = argv[++i];
    else if (argv[i].startsWith('--')) throw new Error(`unknown option ${argv[i]}\n${usage}`);
    else positional.push(argv[i]);
  }
  if (positional.length !== 1 || !(count > 0)) throw new Error(usage);
  writeFileSync(positional[0], fashionCsv(images, labels, count));
}

// run only as a script, so the harness can import fashionCsv
if (process.argv[1] && /fashion-mnist\.ts$/.test(process.argv[1])) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
}
