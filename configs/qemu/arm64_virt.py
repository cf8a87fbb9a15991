# SPDX-License-Identifier: GPL-2.0
# kunit.py --qemu_config for our arm64 kernel: QEMU virt with EL2 (so the
# kernel boots as a KVM host) and -cpu max. kunit.py loads this file as if it
# lived in tools/testing/kunit/qemu_configs/, hence the relative import.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='arm64',
			   kconfig='''
CONFIG_SERIAL_AMBA_PL011=y
CONFIG_SERIAL_AMBA_PL011_CONSOLE=y''',
			   qemu_arch='aarch64',
			   kernel_path='arch/arm64/boot/Image',
			   kernel_command_line='console=ttyAMA0',
			   extra_qemu_params=['-machine', 'virt,gic-version=3,virtualization=on',
					      '-cpu', 'max,pauth-impdef=on', '-smp', '2'])
