/* SPDX-License-Identifier: BSD-2-Clause */
/* Nothing from <stdlib.h> is provided; libfdt only includes it. */
#ifndef RMM_MODEL_STDLIB_H
#define RMM_MODEL_STDLIB_H
#include <stddef.h>
#endif
