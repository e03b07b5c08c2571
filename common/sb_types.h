/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only place common/ touches the outside world: the kernel gets its own
 * headers, userspace gets libc's. Everything in common/ includes this file
 * and uses nothing but fixed-width types, memcpy/memset/strlen/strncmp and
 * sb_snprintf, which exist on both sides with the same meaning.
 */
#ifndef SB_TYPES_H
#define SB_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/stdarg.h>
typedef u8 sb_u8;
typedef u32 sb_u32;
typedef s32 sb_s32;
typedef u64 sb_u64;
typedef s64 sb_s64;
#include <linux/math64.h>
#define sb_vsnprintf vsnprintf
/* a * b / c with a 128-bit intermediate (x86-64 has no __udivti3 here) */
#define sb_mul_div(a, b, c) mul_u64_u64_div_u64(a, b, c)
#else
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdbool.h>
typedef uint8_t sb_u8;
typedef uint32_t sb_u32;
typedef int32_t sb_s32;
typedef uint64_t sb_u64;
typedef int64_t sb_s64;
#define sb_vsnprintf vsnprintf
static inline sb_u64 sb_mul_div(sb_u64 a, sb_u64 b, sb_u64 c)
{
	return (sb_u64)((unsigned __int128)a * b / c);
}
#endif

/* The two sides: which accepts a config key, which implements a primitive. */
#define SB_SIDE_KERNEL 0x1
#define SB_SIDE_USER 0x2
#define SB_SIDE_BOTH (SB_SIDE_KERNEL | SB_SIDE_USER)

#define SB_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif /* SB_TYPES_H */
