/*
 * Printing many groups uses a helper thread only when the run itself had
 * threads: with one thread (-j 1, "none") the process never has a second
 * task while the result is written; with two it does.  The stream counts
 * the tasks in /proc/self/task at each write.  90,001 groups are six
 * chunks of output.c's 16,384 rows: the helper's third chunk waits for
 * the caller to have written its first, so the helper is alive at every
 * write of chunk 0 whatever the scheduler does (with five chunks it could
 * print both of its own and exit before the caller's first write).
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "output.h"

static int	 most;

static ssize_t
counting_write(void *cookie, const char *buf, size_t len)
{
	DIR		*d;
	struct dirent	*e;
	int		 n = 0;

	(void)cookie;
	(void)buf;
	if ((d = opendir("/proc/self/task")) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	if (n > most)
		most = n;
	return (ssize_t)len;
}

static int
tasks_while_printing(const char *csv, size_t len, int threads)
{
	cookie_io_functions_t	 io = { NULL, counting_write, NULL, NULL };
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX];
	FILE			*f;
	int			 fd = th_file(csv, len);

	o.threads = threads;
	o.split_min = 4096;
	if (engine_run(&o, fd, 0, -1, &res, err, sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "%s", err);
	close(fd);
	CHECK(engine_groups(&res) == 90001);
	most = 0;
	if ((f = fopencookie(NULL, "w", io)) == NULL)
		exit(TH_ERROR);
	setvbuf(f, NULL, _IOFBF, 4096);
	CHECK(output_csv(f, &res, 0) == 0);
	fclose(f);
	engine_result_free(&res);
	return most;
}

int
main(void)
{
	char	*csv;
	size_t	 len = 0, cap = 90001 * 16 + 64;
	int	 i;

	if ((csv = malloc(cap)) == NULL)
		return TH_ERROR;
	len = (size_t)snprintf(csv, cap, "department,number_of_sales\n");
	for (i = 0; i < 90001; i++)
		len += (size_t)snprintf(csv + len, cap - len, "k%06d,%d\n", i,
		    i % 7);
	CHECK(tasks_while_printing(csv, len, 1) == 1);
	CHECK(tasks_while_printing(csv, len, 2) >= 2);
	free(csv);
	return 0;
}
