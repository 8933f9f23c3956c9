import { describe, expect, it } from 'vitest';
import { functionSizesOf } from './function-sizes';

describe('function sizes', () => {
  it('counts every kind of function by its lines, nested ones inside their parent, and names callbacks by their call', () => {
    const text = [
      'export function Outer() {', //  1
      '  const inner = () => {', //     2
      '    return 1;', //               3
      '  };', //                        4
      '  return [1].map(function (n) { return n; });', // 5
      '}', //                           6
      'class A {', //                   7
      '  method() {', //                8
      '    return 2;', //               9
      '  }', //                        10
      '}', //                          11
      'const bare = { go: async () => 3 };', // 12
      'declare function typed(): void;', // 13: no body, not counted
    ].join('\n');
    expect(functionSizesOf('x.tsx', text).map(({ name, line, lines }) => [name, line, lines])).toEqual([
      ['Outer', 1, 6],
      ['inner', 2, 3],
      ['[1].map(callback)', 5, 1],
      ['method', 8, 3],
      ['go', 12, 1],
    ]);
  });
});
