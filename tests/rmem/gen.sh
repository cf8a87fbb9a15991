#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Build the DTBs of the reserved-memory boot tests from QEMU virt's own DTB,
# into the directory given (build/rmem-dt). Same machine options as run.sh.
set -e
DTGEN=$(cd "$(dirname "$0")/../../tools/dtgen" && pwd)/dtgen.py
mkdir -p "$1"
cd "$1"
qemu-system-aarch64 -M virt,gic-version=3,virtualization=on,dumpdtb=virt.dtb \
	-cpu max,pauth-impdef=on -smp 2 -m 2G -nographic -nodefaults
# QEMU pads its dump to 1 MiB; compact it (the padded one does not boot).
dtc -q -I dtb -O dtb virt.dtb >plain.dtb
for s in 1 2 3; do
	$DTGEN --seed $s --static 4 --dynamic 6 virt.dtb seed$s.dtb
done
$DTGEN --seed 4 --static 3 --dynamic 3 --malformed virt.dtb malformed.dtb
# (a) a no-map static region over an already reserved one
$DTGEN --seed 5 --static 2 --dynamic 2 \
	--extra 'busy-a@70000000 { reg = <0x0 0x70000000 0x0 0x200000>; };' \
	--extra 'busy-b@70100000 { reg = <0x0 0x70100000 0x0 0x200000>; no-map; };' \
	virt.dtb fix-a.dtb
# (c) a dynamic region that may only go inside a /memreserve/ entry
$DTGEN --seed 7 --static 3 --dynamic 3 --memreserve 2 --trap-memreserve \
	virt.dtb fix-c.dtb
# (d) shared-dma-pool regions: the coherent DMA pool's handler (linked before
# drivers/of) must initialise the ones that are not reusable
$DTGEN --seed 8 --static 2 --dynamic 2 \
	--extra 'dma-static@58000000 { compatible = "shared-dma-pool"; reg = <0x0 0x58000000 0x0 0x400000>; no-map; };' \
	--extra 'dma-dyn { compatible = "shared-dma-pool"; size = <0x0 0x400000>; alignment = <0x0 0x400000>; no-map; };' \
	--extra 'dma-map@5a000000 { compatible = "shared-dma-pool"; reg = <0x0 0x5a000000 0x0 0x200000>; };' \
	virt.dtb fix-d.dtb
# (e) a static no-map carve-out at the top of RAM, last in /reserved-memory,
# after more static regions than memblock's static arrays hold
$DTGEN --seed 9 --static 300 --dynamic 10 --carveout top --carveout bottom \
	virt.dtb carve-late.dtb
