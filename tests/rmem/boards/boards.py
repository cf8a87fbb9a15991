#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Real boards' /reserved-memory on QEMU virt (tests/rmem/run.sh, part boards).

  boards.py gen SRCTREE DTC VIRT_DTB OUTDIR NAME DTS
      Build the board's DT from the kernel tree the way the kernel does
      (cpp with the dts include paths, then dtc), take its /reserved-memory
      children, relocate them into the RAM of QEMU virt and graft them onto
      VIRT_DTB: OUTDIR/NAME.dtb, OUTDIR/NAME.dts (the grafted node only) and
      OUTDIR/NAME.map (each node's original and relocated addresses).
  boards.py compare NAME BASE_LOG PATCHED_LOG
      Compare what the base and the patched kernel registered and
      initialised, region by region: name, base, size, no-map, reusable,
      the handler that initialised it (compatible id), and the DMA pool
      created at its base. Prints "FAIL NAME node N: ..." per difference
      that is not an expected one (EXPECTED below), and for every expected
      difference that did not show; then "PASS|FAIL NAME: summary".

Relocation (the test machine's RAM is 0x40000000 + 2 GiB, the boards' RAM
is elsewhere and larger): the static regions are taken in address order and
moved by multiples of 64 MiB only, so every base keeps its alignment up to
64 MiB; a gap between two neighbours larger than 64 MiB loses whole 64 MiB
chunks, so order, touching and overlapping regions and every gap below
64 MiB stay as they were. The first region lands in the 64 MiB block at
0x60000000 (the first 512 MiB hold the kernel, the DTB and the initrd) and
everything must end below 0xb0000000 (the top 256 MiB are left to the
dynamic regions, which memblock places top-down). Sizes and every property
are kept, except those holding phandles (phandle, iommu-addresses, whose
targets are not in the test DT). An alloc-ranges entry of 1 GiB or more
stands for "anywhere in the board's RAM" and becomes the test machine's RAM;
a smaller one moves like the static region below it.
"""

import os
import re
import subprocess
import sys

MiB = 1 << 20
GiB = 1 << 30
CHUNK = 64 * MiB
RAM_BASE, RAM_SIZE = 0x40000000, 2 * GiB
WIN_LO, WIN_HI = RAM_BASE + 512 * MiB, RAM_BASE + RAM_SIZE - 256 * MiB
DROP = ('phandle', 'linux,phandle', 'iommu-addresses')

# Differences between the base and the patched kernel that a documented fix
# of the series explains: board -> [(node, what, reason)]. "what" is the
# field that differs (registered, base, size, nomap, reusable, init, pool).
# A listed difference that does not show fails the run: update the list.
EXPECTED = {
}


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, **kw)


def board_dts(src, dtc, dts):
    """The board's DT as dtc prints it from the DTB (labels resolved)."""
    d = '%s/arch/arm64/boot/dts' % src
    pp = run(['cpp', '-nostdinc', '-I', '%s/scripts/dtc/include-prefixes' % src,
              '-I', d, '-undef', '-D__DTS__', '-x', 'assembler-with-cpp',
              '%s/%s' % (d, dts)]).stdout
    dtb = run([dtc, '-q', '-O', 'dtb', '-b', '0', '-i',
               '%s/%s' % (d, dts.rsplit('/', 1)[0]), '-i',
               '%s/scripts/dtc/include-prefixes' % src, '-'], input=pp).stdout
    return run(['dtc', '-q', '-I', 'dtb', '-O', 'dts', '-'],
               input=dtb).stdout.decode()


def cells(text):
    return [int(x, 16) for x in text.split()]


def pairs(v):
    return [((v[i] << 32) | v[i + 1], (v[i + 2] << 32) | v[i + 3])
            for i in range(0, len(v) - 3, 4)]


def render_pairs(ps):
    return '<%s>' % ' '.join('0x%x 0x%x 0x%x 0x%x' % (b >> 32, b & 0xffffffff,
                                                     s >> 32, s & 0xffffffff)
                             for b, s in ps)


def children(dts):
    """The /reserved-memory node: its properties and its children as
    (name, [(prop, raw value or None)]) in tree order."""
    i = dts.find('\treserved-memory {')
    if i < 0:
        sys.exit('boards: no /reserved-memory in the board DT')
    root, nodes, cur, depth = {}, [], None, 0
    for line in dts[i:].splitlines()[1:]:
        t = line.strip()
        if t.endswith('{'):
            depth += 1
            if depth > 1:
                sys.exit('boards: nested nodes under a reserved-memory child')
            cur = (t[:-1].strip(), [])
            continue
        if t == '};':
            if depth == 0:
                break
            depth -= 1
            nodes.append(cur)
            continue
        if not t.endswith(';'):
            continue
        k, _, v = t[:-1].partition(' = ')
        if depth:
            cur[1].append((k.strip(), v.strip() or None))
        else:
            root[k.strip()] = v.strip()
    return root, nodes


def gen(src, dtc, virt, outdir, name, dts):
    text = board_dts(src, dtc, dts)
    root, nodes = children(text)
    if root.get('#address-cells') != '<0x02>' or \
       root.get('#size-cells') != '<0x02>':
        sys.exit('boards: %s: /reserved-memory is not 2+2 cells' % name)
    # the static regions, in address order, and their deltas
    anchors = []
    for n, props in nodes:
        p = dict(props)
        if p.get('reg'):
            b, s = pairs(cells(p['reg'].strip('<>')))[0]
            anchors.append((b, s))
    anchors.sort()
    deltas = []		# (original base, delta): new = old - delta
    end = None
    for b, s in anchors:
        if end is None:
            new = (WIN_LO // CHUNK) * CHUNK + b % CHUNK
            if new < WIN_LO:
                new += CHUNK
            delta = b - new
        else:
            delta = deltas[-1][1]
            gap = b - end
            if gap > CHUNK:
                delta += (gap - 1) // CHUNK * CHUNK
        deltas.append((b, delta))
        end = max(end or 0, b + s)
    if deltas and end - deltas[-1][1] > WIN_HI:
        sys.exit('boards: %s: the regions do not fit below 0x%x once '
                 'relocated (end 0x%x)' % (name, WIN_HI, end - deltas[-1][1]))

    def reloc(a):
        d = deltas[0][1] if deltas else a - WIN_LO
        for b, dd in deltas:
            if b <= a:
                d = dd
        return a - d

    out = ['\treserved-memory {', '\t\t#address-cells = <0x02>;',
           '\t\t#size-cells = <0x02>;', '\t\tranges;', '']
    mp = []
    for n, props in nodes:
        out.append('\t\t%s {' % n)
        for k, v in props:
            if k in DROP:
                continue
            if k == 'reg' and v:
                ps = pairs(cells(v.strip('<>')))
                new = [(reloc(b), s) for b, s in ps]
                mp.append('%s reg 0x%x+0x%x -> 0x%x' % (n, ps[0][0], ps[0][1],
                                                       new[0][0]))
                v = render_pairs(new)
            elif k == 'alloc-ranges' and v:
                ps = pairs(cells(v.strip('<>')))
                new = [(RAM_BASE, RAM_SIZE) if s >= GiB else (reloc(b), s)
                       for b, s in ps]
                mp.append('%s alloc-ranges %s -> %s' % (
                    n, ' '.join('0x%x+0x%x' % x for x in ps),
                    ' '.join('0x%x+0x%x' % x for x in new)))
                v = render_pairs(new)
            out.append('\t\t\t%s%s;' % (k, ' = ' + v if v else ''))
        out += ['\t\t};', '']
    # fault injection (tests/rmem/LENSES.md): one more node, raw text
    if os.environ.get('BOARDS_EXTRA'):
        out += ['\t\t' + os.environ['BOARDS_EXTRA'], '']
    out.append('\t};')
    node = '\n'.join(out) + '\n'
    vdts = run(['dtc', '-q', '-I', 'dtb', '-O', 'dts', virt]).stdout.decode()
    idx = vdts.rindex('};')
    full = vdts[:idx] + node + vdts[idx:]
    open('%s/%s.dts' % (outdir, name), 'w').write(
        '/* %s: /reserved-memory of %s, relocated by boards.py */\n%s'
        % (name, dts, node))
    open('%s/%s.map' % (outdir, name), 'w').write('\n'.join(mp) + '\n')
    open('%s/%s.dtb' % (outdir, name), 'wb').write(
        run(['dtc', '-q', '-I', 'dts', '-O', 'dtb', '-'],
            input=full.encode()).stdout)
    print('%s: %d nodes (%d static) from %s' % (name, len(nodes),
                                                 len(anchors), dts))


TS = re.compile(r'^\[\s*\d+\.\d+\]\s?')
REG = re.compile(r'OF: reserved mem: 0x([0-9a-f]+)\.\.0x([0-9a-f]+) '
                 r'\((\d+) KiB\) (nomap|map) (reusable|non-reusable) (\S+)$')
INIT = re.compile(r'initialized node (\S+), compatible id (\S+)')
POOL = re.compile(r'created (?:restricted )?DMA memory pool at 0x([0-9a-f]+)')
DONE = re.compile(r'reboot: (Restarting system|Power down)')
CRASH = re.compile(r'Kernel panic|Oops|Internal error|Unable to handle|'
                   r'WARNING:|BUG:')


def view(log):
    """name -> {field: value} of every region the kernel registered."""
    regs, inits, pools, done, crash = {}, {}, set(), False, None
    for raw in open(log, errors='replace'):
        l = TS.sub('', raw.rstrip('\r\n'))
        m = REG.search(l)
        if m:
            b = int(m.group(1), 16)
            regs.setdefault(m.group(6), []).append({
                'base': b, 'size': int(m.group(2), 16) + 1 - b,
                'nomap': m.group(4) == 'nomap',
                'reusable': m.group(5) == 'reusable'})
        m = INIT.search(l)
        if m:
            inits[m.group(1)] = m.group(2)
        m = POOL.search(l)
        if m:
            pools.add(int(m.group(1), 16))
        done = done or bool(DONE.search(l))
        if CRASH.search(l) and not crash:
            crash = l
    out = {}
    for n, rs in regs.items():
        r = dict(rs[0])
        r['times'] = len(rs)
        r['init'] = inits.get(n, '-')
        r['pool'] = r['base'] in pools
        out[n] = r
    return out, done, crash


def compare(name, base_log, patched_log):
    b, bdone, bcrash = view(base_log)
    p, pdone, pcrash = view(patched_log)
    fails, seen = [], set()
    exp = {(n, w): why for n, w, why in EXPECTED.get(name, [])}
    # fault injection (tests/rmem/LENSES.md): BOARDS_EXPECT="BOARD NODE WHAT
    # REASON..." adds an expected difference
    inj = os.environ.get('BOARDS_EXPECT', '').split(None, 3)
    if len(inj) == 4 and inj[0] == name:
        exp[(inj[1], inj[2])] = inj[3]

    def diff(node, what, bv, pv):
        if (node, what) in exp:
            seen.add((node, what))
            print('XDIFF %s node %s: %s base %s, patched %s (expected: %s)'
                  % (name, node, what, bv, pv, exp[(node, what)]))
            return
        fails.append('FAIL %s node %s: %s differs: base %s, patched %s'
                     % (name, node, what, bv, pv))

    for log, done, crash in ((base_log, bdone, bcrash),
                             (patched_log, pdone, pcrash)):
        if crash:
            fails.append('FAIL %s node -: %s: %s' % (name, log, crash))
        if not done:
            fails.append('FAIL %s node -: %s: the boot did not end' %
                         (name, log))
    for n in sorted(set(b) | set(p)):
        if (n in b) != (n in p):
            diff(n, 'registered', 'yes' if n in b else 'no',
                 'yes' if n in p else 'no')
            continue
        for f in ('times', 'base', 'size', 'nomap', 'reusable', 'init',
                  'pool'):
            bv, pv = b[n][f], p[n][f]
            if bv != pv:
                diff(n, f, '0x%x' % bv if f in ('base', 'size') else bv,
                     '0x%x' % pv if f in ('base', 'size') else pv)
    for (n, w), why in sorted(exp.items()):
        if (n, w) not in seen:
            fails.append('FAIL %s node %s: the expected difference in %s '
                         '(%s) is gone: update EXPECTED in '
                         'tests/rmem/boards/boards.py' % (name, n, w, why))
    for f in fails:
        print(f)
    pools = sum(1 for r in p.values() if r['pool'])
    print('%s %s: %d regions registered by both, %d DMA pools, %d expected '
          'differences%s' % ('FAIL' if fails else 'PASS', name,
                             len(set(b) & set(p)), pools, len(seen),
                             ', %d failures' % len(fails) if fails else ''))
    return 1 if fails else 0


def main():
    a = sys.argv[1:]
    if len(a) == 7 and a[0] == 'gen':
        gen(*a[1:])
        return 0
    if len(a) == 4 and a[0] == 'compare':
        return compare(*a[1:])
    sys.exit(__doc__)


if __name__ == '__main__':
    sys.exit(main())
