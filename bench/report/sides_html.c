// SPDX-License-Identifier: GPL-2.0
/*
 * Where the kernel and the userspace mirror both ran, the page says why
 * their crossovers do not transfer from one side to the other: the same
 * names are not the same mechanisms.
 */
#include <stdio.h>
#include <string.h>

#include "report/sides_html.h"

void sb_report_sides_note(FILE *f, const struct sb_pset *ps)
{
	int user = 0, kernel = 0;
	size_t i;

	for (i = 0; i < ps->n; i++) {
		if (!ps->g[i].n)
			continue;
		if (ps->g[i].side == SB_SIDE_USER)
			user = 1;
		else if (ps->g[i].side == SB_SIDE_KERNEL)
			kernel = 1;
	}
	if (!user || !kernel)
		return;
	fputs("<h2 id=\"sides-note\">Kernel and userspace are not the same "
	      "mechanisms</h2>\n<ul>\n"
	      "<li>A userspace spinlock holder can be preempted (its waiters "
	      "spin on a descheduled owner); a kernel one cannot, "
	      "preemption is off while it is held.</li>\n"
	      "<li><code>pthread_mutex</code> is not the kernel mutex: no "
	      "optimistic spinning on the owner, a futex sleep at once.</li>\n"
	      "<li>A liburcu grace period takes tens of microseconds, a "
	      "kernel one milliseconds: deferred frees pile up at "
	      "different rates.</li>\n</ul>\n<p>So a crossover found on "
	      "one side is a hypothesis for the other, not a result. "
	      "Emulated (vm) kernel runs show shape only.</p>\n", f);
}
