/*
** fault.h - fault injection for the tests that kill a process at a chosen
** point (tests/core/test_kill_commit.c, tests/compare/test_compare_resume.c).
** HUMSEC_FAULT holds comma-separated names; at a point of that name the
** process kills itself with SIGKILL, as `strace -e inject=...:signal=KILL`
** would, but without ptrace. Nothing is read unless the variable is set.
** Internal to libhumsec.
*/
#ifndef HUMSEC_CORE_FAULT_H
#define HUMSEC_CORE_FAULT_H

/* Is name among HUMSEC_FAULT's names? */
int hs_fault_named(const char *name);
/* Kill the process with SIGKILL when name is among HUMSEC_FAULT's names. */
void hs_fault_point(const char *name);

#endif
