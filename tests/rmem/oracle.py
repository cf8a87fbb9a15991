#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The reserved-memory oracle: what the patched kernel must do with every
node of a device tree, computed from the DT alone, and the comparison with
one boot.

  oracle.py DTB                      print the expectation, one node a line
  oracle.py --check DTB LOG [--tag T]
                                     compare with the console log of a boot
                                     (booted with initiomem=1, so that the
                                     log has /proc/iomem as "iomem: " lines);
                                     prints "FAIL T node NAME: why" per
                                     mismatch, then "PASS|FAIL T: summary";
                                     exits 1 on any mismatch.

Verdicts per available child of /reserved-memory, and per /memreserve/ entry:
  reserved  a static region ("reg"): registered at exactly base..end with
            its no-map and reusable flags; a map one is memblock-reserved
            (inside a "reserved" child of "System RAM" in /proc/iomem), a
            no-map one is absent from "System RAM".
  placed    a dynamic region ("size"): registered once, with its size and
            flags, at a base aligned as asked, inside one of its
            alloc-ranges (within RAM), overlapping nothing else; no-map or
            reserved in /proc/iomem as above.
  refused   not registered, and named by a kernel line.
The "System RAM" of /proc/iomem within the memory node must be exactly RAM
minus the no-map regions that were registered (no more, no less).
shared-dma-pool regions that are not reusable must have been initialised
by the coherent pool's handler ("created DMA memory pool at" their base).
Overlapping registered regions must be reported, pair by pair, as the
kernel's overlap check does.

Where the kernel's rules differ from a naive reading of the binding
(Documentation/devicetree/bindings/reserved-memory/reserved-memory.yaml in
the dt-schema), the oracle follows the kernel; each rule says where it comes
from.
"""

import bisect
import re
import subprocess
import sys

PAGE = 4096
SMP_CACHE_BYTES = 64	# arm64 L1_CACHE_BYTES: the default alignment
SLACK = 16 << 20	# the kernel's own early memblock allocations


def parse_cells(text):
    return [int(x, 16) for x in text.split()]


def pairs(vals):
    """<base size> pairs of 2 + 2 cells (the root of QEMU virt)."""
    out = []
    for i in range(0, len(vals) - 3, 4):
        out.append(((vals[i] << 32) | vals[i + 1],
                    (vals[i + 2] << 32) | vals[i + 3]))
    return out


def load(dtb):
    """(ram_base, ram_size), [(base, size)] of /memreserve/, and the children
    of /reserved-memory in tree order as (name, {prop: value})."""
    dts = subprocess.run(['dtc', '-q', '-I', 'dtb', '-O', 'dts', dtb],
                         check=True, capture_output=True, text=True).stdout
    rsv = [(int(b, 16), int(s, 16)) for b, s in
           re.findall(r'/memreserve/\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+);', dts)]
    m = re.search(r'memory@[0-9a-f]+ \{[^}]*?reg = <([^>]*)>', dts, re.S)
    ram = pairs(parse_cells(m.group(1)))[0]
    nodes = []
    i = dts.find('reserved-memory {')
    if i < 0:
        return ram, rsv, nodes, {}
    depth, cur, root = 0, None, {}
    for line in dts[i:].splitlines()[1:]:
        t = line.strip()
        if t.endswith('{'):
            depth += 1
            cur = (t[:-1].strip(), {})
            continue
        if t == '};':
            if depth == 0:
                break
            depth -= 1
            nodes.append(cur)
            cur = None
            continue
        if not t.endswith(';'):
            continue
        t = t[:-1]
        k, _, v = t.partition(' = ')
        v = v.strip()
        if v.startswith('<'):
            val = parse_cells(v.strip('<>'))
        elif v.startswith('"'):
            val = [x.strip('"') for x in re.findall(r'"[^"]*"', v)]
        else:
            val = True
        (cur[1] if cur else root)[k.strip()] = val
    return ram, rsv, nodes, root


def overlaps(a, b):
    return a[0] < b[0] + b[1] and b[0] < a[0] + a[1]


def free_gaps(lo, hi, taken):
    """Free intervals of [lo, hi) minus the (base, size) list taken."""
    gaps, cur = [], lo
    for b, s in sorted(taken):
        if b + s <= cur or b >= hi:
            continue
        if b > cur:
            gaps.append((cur, b))
        cur = max(cur, b + s)
    if cur < hi:
        gaps.append((cur, hi))
    return gaps


def fits(size, align, gaps):
    """Largest room an aligned block of size leaves in one of gaps, or -1."""
    best = -1
    for lo, hi in gaps:
        a = (lo + align - 1) // align * align
        if a + size <= hi:
            best = max(best, hi - a - size)
    return best


class Expect:
    def __init__(self, name, kind, verdict, **kw):
        self.name, self.kind, self.verdict = name, kind, verdict
        self.base = kw.get('base')
        self.size = kw.get('size')
        self.nomap = kw.get('nomap', False)
        self.reusable = kw.get('reusable', False)
        self.pool = kw.get('pool', False)
        self.align = kw.get('align', SMP_CACHE_BYTES)
        self.ranges = kw.get('ranges', [])
        self.why = kw.get('why', '')
        self.mapped = kw.get('mapped', False)	# no-map, reserved instead

    def __str__(self):
        s = '%-8s %-10s %s' % (self.verdict, self.kind, self.name)
        if self.base is not None:
            s += ' 0x%x..0x%x' % (self.base, self.base + self.size - 1)
        elif self.size:
            s += ' size 0x%x align 0x%x' % (self.size, self.align)
            if self.ranges:
                s += ' in ' + ','.join('0x%x..0x%x' % (b, b + sz - 1)
                                       for b, sz in self.ranges)
        s += ''.join(f for f, on in ((' no-map', self.nomap),
                                     (' reusable', self.reusable),
                                     (' pool', self.pool),
                                     (' (reserved instead)', self.mapped))
                     if on)
        return s + (' (%s)' % self.why if self.why else '')


def oracle(dtb):
    """[Expect] for every /memreserve/ entry and available node."""
    (rb, rs), rsv, nodes, root = load(dtb)
    ram = (rb, rs)
    out = []
    # Rule (of_reserved_mem.c, __reserved_mem_check_root): /reserved-memory
    # needs the root's #address-cells and #size-cells (2 and 2 on QEMU
    # virt) and "ranges", else every child is ignored.
    if nodes and (root.get('#address-cells') != [2] or
                  root.get('#size-cells') != [2] or 'ranges' not in root):
        return ram, [Expect(n, 'any', 'refused', why='root cells')
                     for n, _ in nodes]
    reserved = []	# memblock-reserved by the early scan so far
    statics = []	# (base, size) of every static region in memblock
    for i, (b, s) in enumerate(rsv):
        out.append(Expect('memreserve%d' % i, 'memreserve', 'reserved',
                          base=b, size=s))
    dyn = []
    for name, p in nodes:
        # Rule (binding; of_fdt_device_is_available): status other than
        # "okay"/"ok" means the node does not exist.
        if p.get('status', ['okay'])[0] not in ('okay', 'ok'):
            continue
        nomap = 'no-map' in p
        reusable = 'reusable' in p
        pool = 'shared-dma-pool' in p.get('compatible', [])
        reg = p.get('reg')
        if reg and len(reg) % 4 == 0:
            # Rule (binding + __reserved_mem_reserve_reg): only the first
            # <base size> entry counts; a zero size is refused.
            base, size = pairs(reg)[0]
            if not size:
                out.append(Expect(name, 'static', 'refused', why='size 0'))
                continue
            # Rule (early_init_dt_reserve_memory): no-map over memory that
            # is already memblock-reserved fails (-EBUSY); (series fix,
            # __reserved_mem_reserve_reg) the region is then reserved
            # without no-map and registered as its node says: it is printed
            # "nomap" but stays mapped. "Already" is tree order: the early
            # scan reserves the static regions one by one, and (series fix,
            # fdt.c) the /memreserve/ entries only after all of them.
            mapped = nomap and overlaps((base, size), ram) and \
                any(overlaps((base, size), r) for r in reserved)
            if not nomap or mapped:
                reserved.append((base, size))
            # Rule (memblock): a region outside RAM is reserved all the
            # same (memblock.reserved may hold any range, marking no-map
            # outside memory is a no-op), so it is registered.
            statics.append((base, size))
            out.append(Expect(name, 'static', 'reserved', base=base,
                              size=size, nomap=nomap, reusable=reusable,
                              pool=pool, mapped=mapped))
            continue
        if 'size' not in p:
            out.append(Expect(name, 'none', 'refused', why='no reg or size'))
            continue
        dyn.append((name, p, nomap, reusable, pool))
    # Rule (series, fdt.c early_init_fdt_scan_reserved_mem): dynamic regions
    # are placed only after every static region and /memreserve/ entry is
    # reserved (the base placed them before the /memreserve/ entries), in
    # tree order (fdt_alloc_reserved_mem walks the nodes in order).
    taken = statics + list(rsv)
    demand = {}		# ranges -> what the dynamic regions placed so far
			# with these ranges may have taken
    taken.sort()
    gaps_of = {}
    # Rule (memblock): allocations are top-down (arm64 never sets
    # bottom-up; __reserved_mem_alloc_in_range only switches to bottom-up
    # inside alloc-ranges next to an earlier region). So the regions without
    # alloc-ranges fill RAM from the top and never reach below H, the end of
    # the highest alloc-ranges, while the largest free gap above H holds
    # them all: then they take nothing from any alloc-ranges.
    H = rb
    anywhere = 0
    for name, p, *_ in dyn:
        sz = p.get('size', [])
        if len(sz) == 2:
            if 'alloc-ranges' in p:
                for b, s in pairs(p['alloc-ranges']):
                    if b < rb + rs and b + s > rb:
                        H = max(H, min(b + s, rb + rs))
            elif ((sz[0] << 32) | sz[1]) < rs:	# else refused anyway
                al = p.get('alignment', [0, 0])
                anywhere += ((sz[0] << 32) | sz[1]) + (
                    ((al[0] << 32) | al[1]) if len(al) == 2 else 0)
    top_clear = max([hi - lo for lo, hi in free_gaps(H, rb + rs, taken)] +
                    [0]) >= anywhere + SLACK
    for name, p, nomap, reusable, pool in dyn:
        sz = p['size']
        if len(sz) != 2 or not ((sz[0] << 32) | sz[1]):
            out.append(Expect(name, 'dynamic', 'refused', why='bad size'))
            continue
        size = (sz[0] << 32) | sz[1]
        al = p.get('alignment', [0, 0])
        align = (al[0] << 32) | al[1] if len(al) == 2 else -1
        if align < 0 or align & (align - 1):
            out.append(Expect(name, 'dynamic', 'refused', why='bad alignment'))
            continue
        # Rule (early_init_dt_alloc_reserved_memory_arch): no alignment
        # means SMP_CACHE_BYTES.
        align = align or SMP_CACHE_BYTES
        if 'alloc-ranges' in p:
            if len(p['alloc-ranges']) % 4:
                out.append(Expect(name, 'dynamic', 'refused',
                                  why='bad alloc-ranges'))
                continue
            # Rule (__reserved_mem_alloc_size): the ranges are tried in
            # order; memblock only allocates from memory, so each range
            # counts as its part inside RAM.
            ranges = pairs(p['alloc-ranges'])
        else:
            ranges = [ram]
        clip = []
        for b, s in ranges:
            lo, hi = max(b, rb), min(b + s, rb + rs)
            if lo < hi:
                clip.append((lo, hi - lo))
        # Alone (only the DT's static regions and /memreserve/ taken), can
        # it fit in one of its ranges? Then it must be placed if the room
        # it leaves in a free gap of the range still holds everything the
        # earlier dynamic regions sharing the range may have taken (size +
        # alignment each: memblock fills a gap from one end, top-down by
        # default, bottom-up next to an earlier region, so what they take
        # stays contiguous up to alignment padding) plus SLACK for the
        # kernel's own early memblock allocations; dtgen's random mode keeps
        # to that. If it cannot fit even alone, it must be refused. In
        # between the oracle cannot tell without memblock's exact
        # placement: it says so, and the check fails.
        verdict, why = 'refused', 'no room in its ranges'
        for lo, s in clip:
            if (lo, s) not in gaps_of:
                gaps_of[(lo, s)] = free_gaps(lo, lo + s, taken)
            room = fits(size, align, gaps_of[(lo, s)])
            if room < 0:
                continue
            used = sum(need for rr, need in demand.items()
                       if any(overlaps((lo, s), r) for r in rr) and
                       (rr != (ram,) or not top_clear or (lo, s) == ram))
            # the kernel's own early allocations are top-down, small, at
            # the top of RAM: SLACK only for ranges that reach up there
            slack = SLACK if lo + s > rb + rs - 16 * SLACK else 0
            if room >= used + slack:
                verdict, why = 'placed', ''
            else:
                verdict, why = 'unknown', 'tight: oracle cannot tell'
            break
        if verdict == 'placed':
            demand[tuple(clip)] = demand.get(tuple(clip), 0) + size + align
        out.append(Expect(name, 'dynamic', verdict, size=size, align=align,
                          ranges=clip, nomap=nomap, reusable=reusable,
                          pool=pool, why=why))
    return ram, out


# ---- the boot -------------------------------------------------------------
TS = re.compile(r'^\[\s*\d+\.\d+\]\s?')
REG = re.compile(r'OF: reserved mem: 0x([0-9a-f]+)\.\.0x([0-9a-f]+) '
                 r'\((\d+) KiB\) (nomap|map) (reusable|non-reusable) (\S+)$')
OVL = re.compile(r'^(\S+) \(0x[0-9a-f]+--0x[0-9a-f]+\) overlaps with (\S+) '
                 r'\(0x[0-9a-f]+--0x[0-9a-f]+\)$')
POOL = re.compile(r'Reserved memory: created DMA memory pool at '
                  r'0x([0-9a-f]+), size (\d+) KiB')
INIT = re.compile(r'initialized node (\S+), compatible id (\S+)')
IOMEM = re.compile(r'^iomem: ( *)([0-9a-f]+)-([0-9a-f]+) : (.*)$')
CRASH = re.compile(r'Kernel panic|Oops|Internal error|Unable to handle|'
                   r'WARNING:|BUG:|Call trace:')


def read_log(path):
    kern, iomem = [], []
    for raw in open(path, errors='replace'):
        line = raw.rstrip('\r\n')
        if line.startswith('iomem: '):
            iomem.append(line)
        else:
            kern.append(TS.sub('', line))
    return kern, iomem


def union(ivs):
    """Merged [lo, hi) intervals."""
    out = []
    for lo, hi in sorted(ivs):
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [tuple(x) for x in out]


def covered(lo, hi, ivs):
    """Is [lo, hi) inside the union of the merged intervals ivs (sorted,
    disjoint and not touching, as union() makes them)?"""
    i = bisect.bisect_right(ivs, (lo, float('inf'))) - 1
    return i >= 0 and ivs[i][0] <= lo and hi <= ivs[i][1]


def minus(lo, hi, ivs):
    """[lo, hi) minus the merged intervals ivs."""
    return free_gaps(lo, hi, [(a, b - a) for a, b in ivs])


def check(dtb, log, tag):
    (rb, rs), exp = oracle(dtb)
    kern, iomem = read_log(log)
    fails = []

    def fail(name, why):
        fails.append('FAIL %s node %s: %s' % (tag, name, why))

    # KUnit, the live-DT suite among them, and no crash
    if not any(re.search(r'^ok \d+ of_reserved_mem_boot', l) for l in kern):
        fail('-', 'KUnit suite of_reserved_mem_boot did not pass')
    for l in kern:
        if re.match(r'^\s*not ok ', l) or CRASH.search(l):
            fail('-', 'kernel: ' + l.strip())
            break

    got = {}
    for l in kern:
        m = REG.search(l)
        if m:
            b, e, kib = int(m.group(1), 16), int(m.group(2), 16), int(m.group(3))
            got.setdefault(m.group(6), []).append(
                (b, e + 1 - b, m.group(4) == 'nomap',
                 m.group(5) == 'reusable', kib))
    pools = {}
    for l in kern:
        m = POOL.search(l)
        if m:
            pools[int(m.group(1), 16)] = int(m.group(2)) * 1024
    inited = {m.group(1): m.group(2) for m in map(INIT.search, kern) if m}
    # a line that names a node and is neither a registration nor KUnit's
    other = [l for l in kern if not REG.search(l) and '# ' not in l]

    names = {e.name for e in exp}
    for n in got:
        if n not in names:
            fail(n, 'registered, but no such available node')
    regs = {}	# name -> (base, size, nomap) as the kernel registered it
    for e in exp:
        if e.kind == 'memreserve':
            continue
        g = got.get(e.name, [])
        if e.verdict == 'unknown':
            fail(e.name, 'the oracle cannot tell (%s): a generator defect'
                 % e.why)
            if len(g) == 1:
                regs[e.name] = g[0][:3]
            continue
        if e.verdict == 'refused':
            if g:
                fail(e.name, 'registered at 0x%x, expected refused (%s)'
                     % (g[0][0], e.why))
            elif not any(re.search(r"(?<![\w@.-])%s(?![\w@.-])"
                                   % re.escape(e.name), l) for l in other):
                fail(e.name, 'refused but not named by any kernel line')
            continue
        if len(g) != 1:
            fail(e.name, 'registered %d times, expected once (%s)'
                 % (len(g), e.verdict))
            continue
        b, s, nm, ru, kib = g[0]
        regs[e.name] = (b, s, nm and not e.mapped)
        if s != e.size or kib != e.size // 1024:
            fail(e.name, 'size 0x%x, expected 0x%x' % (s, e.size))
        if nm != e.nomap or ru != e.reusable:
            fail(e.name, 'flags %s %s, expected %s %s' % (
                'nomap' if nm else 'map', 'reusable' if ru else 'non-reusable',
                'nomap' if e.nomap else 'map',
                'reusable' if e.reusable else 'non-reusable'))
        if e.kind == 'static' and b != e.base:
            fail(e.name, 'base 0x%x, expected 0x%x' % (b, e.base))
        if e.kind == 'dynamic':
            if b % e.align:
                fail(e.name, 'base 0x%x not aligned to 0x%x' % (b, e.align))
            if not any(lo <= b and b + s <= lo + sz for lo, sz in e.ranges):
                fail(e.name, '0x%x..0x%x outside its ranges %s' % (
                    b, b + s - 1, ' '.join('0x%x+0x%x' % r for r in e.ranges)))
        # Rule (kernel/dma/coherent.c rmem_dma_setup): shared-dma-pool
        # regions that are not reusable get a coherent pool; reusable ones
        # are left to CMA (not built in), so no handler takes them.
        if e.pool and not e.reusable:
            if pools.get(b) != s or inited.get(e.name) != 'shared-dma-pool':
                fail(e.name, 'shared-dma-pool region at 0x%x without its '
                     'DMA pool' % b)
        elif e.name in inited:
            fail(e.name, 'initialised by %s, expected no handler'
                 % inited[e.name])

    # No dynamic region over anything else (memblock never hands out what
    # is reserved or no-map; the series reserves /memreserve/ first).
    rsv = [(e.base, e.size) for e in exp if e.kind == 'memreserve']
    dyn = {e.name for e in exp if e.kind == 'dynamic'}
    allr = sorted((b, s, n) for n, (b, s, _) in regs.items())
    for i, (b, s, n) in enumerate(allr):
        for b2, s2, n2 in allr[i + 1:]:
            if b2 >= b + s:
                break
            if n in dyn or n2 in dyn:
                fail(n if n in dyn else n2, 'overlaps %s' % (n2 if n in dyn
                                                            else n))
        if n in dyn and any(overlaps((b, s), r) for r in rsv):
            fail(n, 'placed over a /memreserve/ entry')

    # Rule (__rmem_check_for_overlap): after sorting by base, then size,
    # each pair of neighbours that overlaps is reported.
    want = set()
    srt = sorted((b, s, n) for n, (b, s, _) in regs.items())
    for (b, s, n), (b2, s2, n2) in zip(srt, srt[1:]):
        if b + s > b2:
            want.add((n, n2))
    seen = set()
    for l in kern:
        m = OVL.match(l)
        if m and m.group(1) in names and m.group(2) in names:
            seen.add((m.group(1), m.group(2)))
    for n, n2 in sorted(want - seen):
        fail(n, 'overlaps %s but the kernel did not report it' % n2)
    for n, n2 in sorted(seen - want):
        fail(n, 'reported as overlapping %s, which it does not' % n2)

    # /proc/iomem: System RAM within the memory node is RAM minus the
    # registered no-map regions, exactly; map regions and /memreserve/ are
    # in a "reserved" child of System RAM.
    if not any(l == 'iomem: done' for l in iomem):
        fail('-', 'no /proc/iomem in the log (initiomem=1)')
    else:
        sysram, resv, parent = [], [], None
        for l in iomem:
            m = IOMEM.match(l)
            if not m:
                continue
            lo, hi = int(m.group(2), 16), int(m.group(3), 16) + 1
            if not m.group(1):
                parent = m.group(4)
                if parent == 'System RAM':
                    sysram.append((lo, hi))
            elif parent == 'System RAM' and m.group(4) == 'reserved':
                resv.append((lo, hi))
        sysram, resv = union(sysram), union(resv)
        ram_end = rb + rs
        nomap = union([(max(b, rb), min(b + s, ram_end))
                       for b, s, nm in regs.values()
                       if nm and b < ram_end and b + s > rb])
        # Rule (arm64 request_standard_resources): a "System RAM" entry is
        # a memblock.memory region rounded inwards to whole pages
        # (memblock_region_memory_base_pfn/end_pfn), so a no-map region
        # that is not page-aligned takes its partial pages out too.
        want_ram = [(-(-a // PAGE) * PAGE, b // PAGE * PAGE)
                    for a, b in minus(rb, ram_end, nomap)]
        want_ram = [(a, b) for a, b in want_ram if a < b]
        have_ram = [(max(a, rb), min(b, ram_end)) for a, b in sysram
                    if a < ram_end and b > rb]
        if want_ram != have_ram:
            for n, (b, s, nm) in sorted(regs.items()):
                lo, hi = max(b, rb), min(b + s, ram_end)
                if nm and lo < hi and minus(lo, hi, [(a, c) for a, c in
                                            [(x, y) for x, y in
                                             minus(rb, ram_end, sysram)]]):
                    fail(n, 'no-map, but part of it is System RAM')
            for lo, hi in minus(rb, ram_end, sysram):
                for a, b in minus(lo, hi, [(x // PAGE * PAGE,
                                            -(-y // PAGE) * PAGE)
                                           for x, y in nomap]):
                    culprit = [e.name for e in exp if e.base is not None and
                               overlaps((e.base, e.size), (a, b - a))]
                    fail(','.join(culprit) or '-', 'memory 0x%x..0x%x is '
                         'not System RAM, but no registered no-map region '
                         'covers it' % (a, b - 1))
        for n, (b, s, nm) in sorted(regs.items()):
            lo, hi = max(b, rb), min(b + s, ram_end)
            if nm or lo >= hi:
                continue
            for a, c in minus(lo, hi, nomap):
                if not covered(a, c, resv):
                    fail(n, '0x%x..0x%x is not reserved in /proc/iomem'
                         % (a, c - 1))
                    break
        for e in exp:
            if e.kind == 'memreserve':
                for a, c in minus(e.base, e.base + e.size, nomap):
                    if not covered(a, c, resv):
                        fail(e.name, '/memreserve/ 0x%x..0x%x not reserved '
                             'in /proc/iomem' % (e.base, e.base + e.size - 1))
                        break

    count = {}
    for e in exp:
        count[e.verdict] = count.get(e.verdict, 0) + 1
    summary = ', '.join('%d %s' % (count[k], k) for k in sorted(count))
    for f in fails[:40]:
        print(f)
    if len(fails) > 40:
        print('FAIL %s: ... %d more' % (tag, len(fails) - 40))
    print('%s %s: %s (%d nodes; %d regions registered)%s' % (
        'FAIL' if fails else 'PASS', tag, summary, len(exp),
        sum(len(v) for v in got.values()),
        ', %d mismatches' % len(fails) if fails else ''))
    return 1 if fails else 0


def main():
    a = sys.argv[1:]
    tag = 'dt'
    if '--tag' in a:
        i = a.index('--tag')
        tag = a[i + 1]
        del a[i:i + 2]
    if a and a[0] == '--check' and len(a) == 3:
        return check(a[1], a[2], tag)
    if len(a) == 1:
        (rb, rs), exp = oracle(a[0])
        print('RAM 0x%x..0x%x' % (rb, rb + rs - 1))
        for e in exp:
            sys.stdout.write('%s\n' % e)
        return 0
    sys.exit(__doc__)


if __name__ == '__main__':
    sys.exit(main())
