// Images for tests: a drawn signature (transparent PNG, made here) and a red seal stamp (JPEG).

import { crc32, deflateSync } from 'node:zlib';

/** A 60×60 red round seal (도장), JPEG, rendered once with pdftoppm. */
export const STAMP_JPEG_DATA_URL =
  'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAA8ADwDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD06obu7t7K3ae6lWKNerN/nmi8uobK0lurhtsca5J/pXDW1vfeMdTee4dobKI4AHRR/dX1Pqf/AKwqZStotzoo0OdOUnaKL1340mmmMGj2LSsfus4JJ+ij/GovtHjWb50iaMemyMf+hc11thp9pp0PlWcCRr3IHLfU96s0uVvdmjxFOOkIL56nEHXvEumkNqNj5kQ+8zR4/wDHl4FbejeKLHVGWIk29weBG54Y+x7/AKGtyuZ1/wAKW94jXGnIsFyvO1eFk/wPvStJbajVShV0nHlfdf5HTUVy3hLXpbljpmolvtUeQjP1YDqD7iupq001c5qtKVKXLI47xzdSTXFnpMBy0hDsvqScKP5/pXUabZR6dYQ2kP3Y1wTj7x7n8TXJXP774kxo+CIyuPwj3fzrtqmOrbOjEPlpwgu1/vMzxJdz2OhXNzav5cybdrYBxlgDwfY1wn/CWa7/AM/3/kJP8K7Txh/yLF5/wD/0Na8xrOq2nodmX0oTpNySev8Akdb4b8Q6rfa7bW11deZC+7cvloM4Ukcgeoru68x8H/8AIz2f/A//AEBq9Oq6TbWpy5hCMKqUVbT/ADOJ8Z2r6fqVrrNp8jlgGI/vjkH8R/KuxtZ0urWK4j+5KgcfQjNY3jVA/huZiBlHRh/30B/WpvCTmTw1Zs3UBl/JiP6U1pJomo+fDxk907GB4iP9m+M7O/cYik2lm+nyt+QxXb1h+LNJOqaXmFc3EB3xgdWHdfx/mBVXwfri3lqthcttuYF2rk/6xR/UUlpK3cdRe1oRmt46P9C54w/5Fi8/4B/6GteY17FeWkF9avbXSeZC+Ny5Izg5HI9xWX/wiehf8+P/AJFf/GlODk7o0wmLhRg4yT3OL8H/APIz2f8AwP8A9AavTqzLPw9pVjdJc2tr5cyZ2t5jnGRg8E+hq/cTxW0DzzyLHGgyzHtVQjyrUxxdaNeonBdLHOePbpYtIjtsjfPIOP8AZXk/ritfQbZrTQ7OBxhljBYehPJ/nXJW4k8WeJvPkjYWUGMg/wB0dAfcn+vpXe0o6tyHiF7OnGl13YVy3iHwu1zOb/Sm8q6zuZAdoY+oPY11NFW0nuc9KrKlLmicTZ+Lr3T5Psut2js6dWA2v+IPB+vFbEfjDRXXLXEiH0aJs/pmtm4toLqPy7mGOVP7rqCP1rMk8L6JI2WsFB/2XZf5GptJbM6HUw89ZRafkULvxvp0Sn7LFNcPjjjYv5nn9KyVg1vxZMj3H+j2QOQcYX6gdWPv/KuttdE0u0YPBYwqw6MV3Efia0KOVv4mCxFOn/Cjr3ZV03T7fTLNba1Tag5JPVj6n3q1RRVnI25O7P/Z';

/** A handwriting-like stroke on a transparent background, as a signature pad would send. */
export function makeSignaturePngDataUrl(width = 300, height = 120): string {
  const rgba = new Uint8Array(width * height * 4);
  const ink = (x: number, y: number) => {
    for (let dy = -2; dy <= 2; dy++) {
      for (let dx = -2; dx <= 2; dx++) {
        const px = Math.round(x) + dx;
        const py = Math.round(y) + dy;
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        rgba.set([20, 24, 80, 255], (py * width + px) * 4);
      }
    }
  };
  for (let t = 0; t <= 1; t += 0.0005) {
    const x = width * (0.08 + 0.84 * t);
    const y = height * (0.5 + 0.3 * Math.sin(t * 14) * (1 - t * 0.5));
    ink(x, y);
  }
  for (let t = 0; t <= 1; t += 0.002) ink(width * (0.2 + 0.6 * t), height * 0.82);
  return `data:image/png;base64,${Buffer.from(encodePng(width, height, rgba)).toString('base64')}`;
}

function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const raw = new Uint8Array(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  out.set(typeAndData, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}
