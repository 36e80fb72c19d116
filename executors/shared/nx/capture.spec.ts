import { PassThrough } from 'stream';
import { capturingOutput } from './capture';

describe('capturingOutput', () => {
  it('keeps what both streams get, in order, holds it back, calls write callbacks, and restores the streams', async () => {
    const out = new PassThrough() as unknown as NodeJS.WriteStream;
    const err = new PassThrough() as unknown as NodeJS.WriteStream;
    const [writeOut, writeErr] = [out.write, err.write];
    const passed: string[] = [];
    (out as unknown as PassThrough).on('data', (d) => passed.push(String(d)));
    const { result, output } = await capturingOutput(async () => {
      out.write('one\n');
      await new Promise<void>((resolve) => err.write(Buffer.from('two\n'), () => resolve()));
      return 42;
    }, [out, err]);
    expect(result).toBe(42);
    expect(output).toBe('one\ntwo\n');
    expect(passed).toEqual([]);
    expect([out.write, err.write]).toEqual([writeOut, writeErr]);
  });
});
