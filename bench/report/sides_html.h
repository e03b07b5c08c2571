/* SPDX-License-Identifier: GPL-2.0 */
/* Why kernel and userspace results do not transfer; sides_html.c. */
#ifndef SB_REPORT_SIDES_HTML_H
#define SB_REPORT_SIDES_HTML_H

#include <stdio.h>

#include "store/group.h"

/* The note, when both a kernel (kernel, vm) and the user backend ran. */
void sb_report_sides_note(FILE *f, const struct sb_pset *ps);

#endif /* SB_REPORT_SIDES_HTML_H */
