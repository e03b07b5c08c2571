/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The subcommands of `syncbench`. main.c dispatches argv[1] to one of these;
 * each gets argc/argv starting at the subcommand name and returns the exit
 * status (0 ok, 1 "worse"/failure where documented, 2 bad input).
 */
#ifndef SB_BENCH_COMMANDS_H
#define SB_BENCH_COMMANDS_H

int sb_cmd_topo(int argc, char **argv);
int sb_cmd_prims(int argc, char **argv);	/* prims.c */
int sb_cmd_run(int argc, char **argv);
int sb_cmd_plot(int argc, char **argv);	/* plot.c */
int sb_cmd_report(int argc, char **argv);	/* report.c */
int sb_cmd_compare(int argc, char **argv);	/* compare.c */
int sb_cmd_show(int argc, char **argv);	/* show.c */
/* Hidden: the vm backend's runner inside the guest (guest.c). */
int sb_cmd_guest_run(int argc, char **argv);

#endif /* SB_BENCH_COMMANDS_H */
