import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerFigure, writeFigure31 } from '../../src/commands/figure.ts';

const io = { out: () => {}, err: () => {} };

describe('hypocheck figure 3.1', () => {
  it('writes three SVG panels and the fitted rates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fig31-'));
    const files = await writeFigure31(dir, 1, 0.1, io);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['figure-3.1a.svg', 'figure-3.1b.svg', 'figure-3.1c.svg', 'figure-3.1.json']);
    expect(readFileSync(files[0], 'utf8').startsWith('<svg')).toBe(true);
    const json = JSON.parse(readFileSync(files[3], 'utf8'));
    expect(json.runs).toBe(100);
    expect(json.a).toHaveLength(5);
  });

  it('rejects a figure other than 3.1', async () => {
    const program = new Command().exitOverride();
    registerFigure(program, io, { exitCode: 0, cleanups: [] });
    await expect(program.parseAsync(['node', 'hypocheck', 'figure', '2.1'])).rejects.toThrow(/only figure 3.1/);
  });
});
