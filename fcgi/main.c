/*
 * tally-fcgi: the FastCGI daemon.  The master opens the socket, checks the
 * folders, prefork N workers and supervises them: a dead worker is
 * replaced, SIGTERM drains and stops, SIGHUP reopens the log.  Once a
 * second it also recovers runners that died and starts queued jobs; a
 * runner that ends wakes it to start the next at once (sched.h).  Each
 * worker opens its own store after fork() and answers the requests of
 * the connections it holds (conn.h) with api_handle() until told to
 * stop.  Signal handlers only set flags.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <fcgiapp.h>

#include "api.h"
#include "conn.h"
#include "job.h"
#include "conffile.h"
#include "log.h"
#include "num.h"
#include "owner.h"
#include "peer.h"
#include "priv.h"
#include "sched.h"
#include "store.h"
#include "sweep.h"

#define WORKERS_MAX	256
#define TICK_MS		1000
#define DRAIN_SECONDS	10
/* A claimed job whose runner has not said its pid by then is dead. */
#define CLAIM_GRACE	15.0
/* Seconds between sweeps of old uploads, orphan folders, expired jobs. */
#define SWEEP_EVERY	60.0

static volatile sig_atomic_t	 got_term, got_hup, got_chld;
static pid_t			 master_pid;
/* Who the daemon becomes once its socket is bound (priv.h). */
static struct priv		 priv;

static void
on_signal(int sig)
{
	switch (sig) {
	case SIGTERM:
	case SIGINT:
		got_term = 1;
		/* Only sets libfcgi's flag, so accept() returns. */
		FCGX_ShutdownPending();
		break;
	case SIGHUP:
		got_hup = 1;
		break;
	case SIGCHLD:
		got_chld = 1;
		break;
	}
}

static const char usage[] =
"usage: tally-fcgi --socket PATH|[HOST]:PORT --db PATH --jobs DIR\n"
"                  --body-temp DIR [--workers N] [--max-running K]\n"
"                  [--max-queued Q] [--max-queued-per-owner N]\n"
"                  [--threads N] [--keep-input] [--keys FILE]\n"
"                  [--min-free PERCENT%|SIZE] [--log FILE] [--tally PATH]\n"
"                  [--socket-mode MODE] [--socket-group GROUP]\n"
"                  [--max-job-mbps N] [--nginx-refusals FILE]\n"
"                  [--max-job-memory SIZE] [--max-result-size SIZE]\n"
"                  [--keep-days N] [--upload-grace SECONDS] [--user NAME]\n"
"                  [--node N] [--peer N=http://HOST:PORT]...\n"
"                  [--peer-timeout MS]\n"
"       tally-fcgi --keys FILE key add NAME [--admin]\n"
"       tally-fcgi --config FILE [options]\n"
"       tally-fcgi --help\n";

/* --help: every option with its default. */
static const char help[] =
"\n"
"tally-fcgi is tally's FastCGI daemon: nginx passes it the requests of\n"
"/api/ (uploads as files it stored), it records jobs in SQLite and starts\n"
"a detached `tally job ID` runner for each.  See tally-fcgi(8).\n"
"\n"
"required (on the command line or in the --config file):\n"
"  --socket PATH|[HOST]:PORT  where libfcgi listens (a unix socket, or TCP)\n"
"  --db PATH                  the SQLite job store (created if missing)\n"
"  --jobs DIR                 job folders: inputs, results (created)\n"
"  --body-temp DIR            nginx's client_body_temp_path; must be on the\n"
"                             jobs folder's filesystem (uploads are renamed)\n"
"\n"
"options (default in brackets):\n"
"  --config FILE              read options from FILE first, one \"name value\"\n"
"                             a line, # comments; the command line wins\n"
"                             [none]\n"
"  --socket-mode MODE         permissions of a unix socket, octal [0660]\n"
"  --socket-group GROUP       the unix socket's group, nginx's (needs\n"
"                             membership or CAP_CHOWN) [the daemon's]\n"
"  --nginx-refusals FILE      nginx's log of the requests it refused\n"
"                             itself (413, 429...), counted in\n"
"                             /api/metrics [none]\n"
"  --workers N                preforked workers, 1 to 256 [2 per core, at\n"
"                             least 4]\n"
"  --max-running K            jobs running at once [one per core]\n"
"  --max-queued Q             queued jobs before 429 queue_full [100]\n"
"  --max-queued-per-owner N   queued jobs of one owner before 429\n"
"                             owner_queue_full; 0: no cap [20]\n"
"  --min-free P%|SIZE         uploads get 507 below this much free space on\n"
"                             the jobs filesystem [5%]\n"
"  --threads N                engine threads per job; 0: one per core [0]\n"
"  --max-job-mbps N           cap each job's read rate, MB/s [none]\n"
"  --max-job-memory SIZE      a job's group tables (K, M, G) [1G]\n"
"  --max-result-size SIZE     each result file (K, M, G) [1G]\n"
"  --keep-input               keep uploads after their jobs end [off]\n"
"  --keep-days N              remove finished jobs after N days [7]\n"
"  --upload-grace SECONDS     remove partial uploads and folders without a\n"
"                             job after this long [3600]\n"
"  --keys FILE                API keys file, NAME SHA256 [admin] a line,\n"
"                             re-read when it changes [none: every bearer\n"
"                             key is a 401]\n"
"  --log FILE                 daemon and runner log; SIGHUP reopens it\n"
"                             [standard error]\n"
"  --tally PATH               the job runner [" BINDIR "/tally]\n"
"  --user NAME                started as root, the user to become once the\n"
"                             socket is bound [tally, else nobody]\n"
"  --node N                   this node's number, 0 to 255: the first two\n"
"                             hex digits of its job ids [0]\n"
"  --peer N=http://HOST:PORT  another node of the cluster (repeat for each),\n"
"                             asked for the caller's jobs and its health\n"
"                             [none]\n"
"  --peer-timeout MS          how long a list or health waits for the peers\n"
"                             [2000]\n"
"  --help                     this text\n"
"\n"
"commands:\n"
"  --keys FILE key add NAME [--admin]\n"
"                             make an API key: its hash goes to FILE\n"
"                             (created 0600), the key to standard output\n"
"\n"
"signals: SIGTERM drains and stops, SIGHUP reopens the log.\n";

struct conf {
	const char	*socket;
	const char	*log;
	int		 workers;
	mode_t		 socket_mode;
	int		 keep_days;	/* finished jobs are kept this long */
	int		 upload_grace;	/* seconds before leftovers are swept */
	double		 last_sweep;	/* monotonic; 0: never */
	struct api_conf	 api;
};

static void
install(int sig, void (*fn)(int))
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: accept() and sleeps must see the signal. */
	sigaction(sig, &sa, NULL);
}

static void
reopen_log(const char *log)
{
	int	 fd;

	if (log == NULL)
		return;
	if ((fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0644)) == -1) {
		log_msg(LOG_LEVEL_ERROR, NULL, "%s: %s", log, strerror(errno));
		return;
	}
	dup2(fd, STDERR_FILENO);
	close(fd);
}

static void
worker(int sock, const struct conf *c)
{
	struct conn_set		*cs;
	FCGX_Request		*req;
	struct store		*s;
	struct sigaction	 sa;
	char			 err[TALLY_ERR_MAX];
	int			 rc;

	install(SIGCHLD, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	/*
	 * SIGHUP restarts a read or write cut short (a response is never
	 * lost to a log rotation); the wait for requests, a poll(), still
	 * returns, as poll() is never restarted.
	 */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	/* A worker outlives no master: it would serve a socket nobody owns. */
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1 || getppid() != master_pid)
		_exit(1);
	if ((s = store_open(c->api.sched.db, err, sizeof(err))) == NULL)
		log_msg(LOG_LEVEL_ERROR, NULL, "%s", err);
	if ((cs = conn_new(sock)) == NULL)
		_exit(1);
	/* The wait gives way to signals, or idle workers miss SIGHUP. */
	while (!got_term) {
		if (got_hup) {
			got_hup = 0;
			reopen_log(c->log);
		}
		if ((rc = conn_next(cs, &req)) == 0)
			continue;
		if (rc == -1) {
			log_msg(LOG_LEVEL_ERROR, NULL, "accept: %s",
			    strerror(errno));
			break;
		}
		if (s == NULL)
			s = store_open(c->api.sched.db, err, sizeof(err));
		api_handle(req, s, &c->api);
		conn_done(cs, req);
	}
	conn_free(cs);
	store_close(s);
	_exit(0);
}

static pid_t
start_worker(int sock, const struct conf *c)
{
	pid_t	 pid;

	master_pid = getpid();
	if ((pid = fork()) == 0)
		worker(sock, c);
	if (pid == -1)
		log_msg(LOG_LEVEL_ERROR, NULL, "fork: %s", strerror(errno));
	return pid;
}

/*
 * Start queued jobs if a slot is free, when a runner says one is (the
 * wake-up FIFO, sched.h): one claim transaction, no sweep or recovery.
 */
static void
kick(const struct conf *c)
{
	struct store	*s;
	char		 err[TALLY_ERR_MAX];

	if ((s = store_open(c->api.sched.db, err, sizeof(err))) == NULL) {
		log_msg(LOG_LEVEL_ERROR, NULL, "%s", err);
		return;
	}
	if (sched_kick(s, &c->api.sched, err, sizeof(err)) == -1)
		log_msg(LOG_LEVEL_ERROR, NULL, "scheduling: %s", err);
	store_close(s);
}

/*
 * Remove what a crash or time left behind: partial uploads, folders with
 * no job, jobs past their retention.
 */
static void
sweep(struct store *s, const struct conf *c)
{
	char	 err[TALLY_ERR_MAX];
	int	 n;

	if ((n = sweep_uploads(c->api.body_temp, c->upload_grace)) > 0)
		log_msg(LOG_LEVEL_INFO, NULL, "removed %d partial upload%s", n,
		    n == 1 ? "" : "s");
	if ((n = sweep_orphans(s, c->api.sched.jobs, c->upload_grace, err,
	    sizeof(err))) == -1)
		log_msg(LOG_LEVEL_ERROR, NULL, "sweeping: %s", err);
	else if (n > 0)
		log_msg(LOG_LEVEL_INFO, NULL, "removed %d folder%s without a "
		    "job", n, n == 1 ? "" : "s");
	if ((n = sweep_expired(s, c->api.sched.jobs, c->keep_days * 86400.0,
	    err, sizeof(err))) == -1)
		log_msg(LOG_LEVEL_ERROR, NULL, "retention: %s", err);
	else if (n > 0)
		log_msg(LOG_LEVEL_INFO, NULL, "removed %d job%s older than %d "
		    "day%s", n, n == 1 ? "" : "s", c->keep_days,
		    c->keep_days == 1 ? "" : "s");
}

/*
 * Once a second: recover dead runners, start queued jobs; at start-up and
 * every SWEEP_EVERY seconds, sweep.
 */
static void
tick(struct conf *c)
{
	struct timespec	 ts;
	double		 now;
	struct store	*s;
	char		 err[TALLY_ERR_MAX];
	int		 n;

	if ((s = store_open(c->api.sched.db, err, sizeof(err))) == NULL) {
		log_msg(LOG_LEVEL_ERROR, NULL, "%s", err);
		return;
	}
	if ((n = sched_recover(s, &c->api.sched, CLAIM_GRACE, err,
	    sizeof(err))) == -1)
		log_msg(LOG_LEVEL_ERROR, NULL, "recovery: %s", err);
	else if (n > 0)
		log_msg(LOG_LEVEL_INFO, NULL, "marked %d interrupted job%s "
		    "failed", n, n == 1 ? "" : "s");
	if (sched_kick(s, &c->api.sched, err, sizeof(err)) == -1)
		log_msg(LOG_LEVEL_ERROR, NULL, "scheduling: %s", err);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	if (c->last_sweep == 0 || now - c->last_sweep >= SWEEP_EVERY) {
		sweep(s, c);
		c->last_sweep = now;
	}
	store_close(s);
}

/* Resolve dir to an absolute path, creating it if missing. */
static char *
folder(const char *dir, const char *what)
{
	char	*abs, err[TALLY_ERR_MAX];

	if (mkdir(dir, 0755) == 0) {
		/* Made as root: the user it becomes must own it. */
		if (priv_give(&priv, dir, err, sizeof(err)) == -1) {
			log_msg(LOG_LEVEL_ERROR, NULL, "%s", err);
			return NULL;
		}
	} else if (errno != EEXIST) {
		log_msg(LOG_LEVEL_ERROR, NULL, "%s %s: %s", what, dir,
		    strerror(errno));
		return NULL;
	}
	if ((abs = realpath(dir, NULL)) == NULL)
		log_msg(LOG_LEVEL_ERROR, NULL, "%s %s: %s", what, dir,
		    strerror(errno));
	return abs;
}

/* Parse option name's value v into *out, or say why not.  0 or -1. */
static int
opt_int(const char *name, const char *v, int lo, int hi, int *out)
{
	char		 err[TALLY_ERR_MAX];
	long long	 n;

	if (num_int(v, lo, hi, &n, err, sizeof(err)) == -1) {
		fprintf(stderr, "tally-fcgi: --%s: %s\n", name, err);
		return -1;
	}
	*out = (int)n;
	return 0;
}

/*
 * `tally-fcgi --keys FILE key add NAME [--admin]`: make a key, keep its
 * hash, print the key once.
 */
static int
key_command(const char *keys, int argc, char *argv[], int admin)
{
	char	 key[OWNER_KEY_LEN + 1], err[TALLY_ERR_MAX];

	if (argc != 3 || strcmp(argv[0], "key") != 0 ||
	    strcmp(argv[1], "add") != 0 || keys == NULL) {
		fputs(usage, stderr);
		return 1;
	}
	if (owner_key_add(keys, argv[2], admin, key, err, sizeof(err)) == -1) {
		fprintf(stderr, "tally-fcgi: %s\n", err);
		return 1;
	}
	printf("%s\n", key);
	fprintf(stderr, "tally-fcgi: key %s%s added to %s; it is shown only "
	    "this once\n", argv[2], admin ? " (admin)" : "", keys);
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option	 longopts[] = {
		{ "socket",	 required_argument, NULL, 's' },
		{ "db",		 required_argument, NULL, 'D' },
		{ "jobs",	 required_argument, NULL, 'J' },
		{ "body-temp",	 required_argument, NULL, 'B' },
		{ "workers",	 required_argument, NULL, 'w' },
		{ "max-running", required_argument, NULL, 'K' },
		{ "max-queued",	 required_argument, NULL, 'Q' },
		{ "threads",	 required_argument, NULL, 'T' },
		{ "keep-input",	 no_argument,	    NULL, 'k' },
		{ "log",	 required_argument, NULL, 'L' },
		{ "tally",	 required_argument, NULL, 't' },
		{ "socket-mode", required_argument, NULL, 'm' },
		{ "socket-group", required_argument, NULL, 'g' },
		{ "nginx-refusals", required_argument, NULL, 'r' },
		{ "max-job-mbps", required_argument, NULL, 'R' },
		{ "max-job-memory", required_argument, NULL, 'M' },
		{ "max-result-size", required_argument, NULL, 'O' },
		{ "keys",	 required_argument, NULL, 'Y' },
		{ "admin",	 no_argument,	    NULL, 'A' },
		{ "max-queued-per-owner", required_argument, NULL, 'P' },
		{ "min-free",	 required_argument, NULL, 'F' },
		{ "keep-days",	 required_argument, NULL, 'E' },
		{ "upload-grace", required_argument, NULL, 'G' },
		{ "user",	 required_argument, NULL, 'U' },
		{ "node",	 required_argument, NULL, 'N' },
		{ "peer",	 required_argument, NULL, 'p' },
		{ "peer-timeout", required_argument, NULL, 'W' },
		{ "config",	 required_argument, NULL, 'C' },
		{ "help",	 no_argument,	    NULL, 'h' },
		{ NULL,		 0,		    NULL, 0 }
	};
	struct conf	 c;
	struct store	*s;
	struct stat	 sb, sj;
	struct timespec	 ts;
	pid_t		 pids[WORKERS_MAX];
	pid_t		 pid;
	char		 err[TALLY_ERR_MAX], *jobs, *body, *db, *tally;
	char		 dbdir[4096];	/* the database path, for dirname() */
	const char	*keys = NULL, *user = NULL, *sgroup = NULL;
	struct group	*gr;
	long		 ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int		 ch, i, sock, status, alive, mode, admin = 0, made, node;
	int		 wakefd, tick_ms = TICK_MS;
	static struct peer	 peers[PEERS_MAX];
	time_t		 drain_until = 0;
	double		 last_tick = 0, t;

	log_init("tally-fcgi");
	/* The --config file's options go first, so the command line wins. */
	if (conffile_args(argc, argv, longopts, &argc, &argv, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "tally-fcgi: %s\n", err);
		return 1;
	}
	memset(&c, 0, sizeof(c));
	if (ncpu < 1)
		ncpu = 1;
	c.workers = ncpu * 2 > 4 ? (int)ncpu * 2 : 4;
	c.api.sched.max_running = (int)ncpu;
	c.api.submit.max_queued = 100;
	c.api.submit.max_queued_owner = 20;
	c.api.submit.min_free_pct = 5;
	c.api.submit.sched = &c.api.sched;
	c.socket_mode = 0660;
	c.keep_days = 7;
	c.upload_grace = 3600;
	c.api.sched.tally = BINDIR "/tally";
	c.api.peers = peers;
	c.api.peer_timeout_ms = 2000;
	db = jobs = body = NULL;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			c.socket = optarg;
			break;
		case 'D':
			db = optarg;
			break;
		case 'J':
			jobs = optarg;
			break;
		case 'B':
			body = optarg;
			break;
		case 'w':
			if (opt_int("workers", optarg, 1, WORKERS_MAX,
			    &c.workers) == -1)
				return 1;
			break;
		case 'K':
			if (opt_int("max-running", optarg, 1, 1024,
			    &c.api.sched.max_running) == -1)
				return 1;
			break;
		case 'Q':
			if (opt_int("max-queued", optarg, 0, 1000000,
			    &c.api.submit.max_queued) == -1)
				return 1;
			break;
		case 'P':
			if (opt_int("max-queued-per-owner", optarg, 0, 1000000,
			    &c.api.submit.max_queued_owner) == -1)
				return 1;
			break;
		case 'F':
			if (submit_min_free(optarg, &c.api.submit, err,
			    sizeof(err)) == -1) {
				fprintf(stderr, "tally-fcgi: --min-free: %s\n",
				    err);
				return 1;
			}
			break;
		case 'Y':
			keys = optarg;
			break;
		case 'U':
			user = optarg;
			break;
		case 'A':
			admin = 1;
			break;
		case 'T':
			if (opt_int("threads", optarg, 0, 256,
			    &c.api.sched.threads) == -1)
				return 1;
			break;
		case 'k':
			c.api.sched.keep_input = 1;
			break;
		case 'L':
			c.log = optarg;
			break;
		case 't':
			c.api.sched.tally = optarg;
			break;
		case 'm':
			mode = (int)strtol(optarg, NULL, 8);
			if (mode <= 0 || mode > 0777) {
				fprintf(stderr, "tally-fcgi: --socket-mode is "
				    "octal, like 0660\n");
				return 1;
			}
			c.socket_mode = (mode_t)mode;
			break;
		case 'g':
			sgroup = optarg;
			break;
		case 'r':
			c.api.refusals_log = optarg;
			break;
		case 'R':
			if (opt_int("max-job-mbps", optarg, 1, 1000000,
			    &c.api.sched.max_mbps) == -1)
				return 1;
			break;
		case 'M':
		case 'O':
			if (num_size(optarg, ch == 'M' ?
			    &c.api.sched.max_memory : &c.api.sched.max_result,
			    err, sizeof(err)) == -1) {
				fprintf(stderr, "tally-fcgi: --%s: %s\n", ch ==
				    'M' ? "max-job-memory" : "max-result-size",
				    err);
				return 1;
			}
			break;
		case 'E':
		case 'G': {
			long long	 v;

			if (num_int(optarg, 0, ch == 'E' ? 36500 : 86400 * 365,
			    &v, err, sizeof(err)) == -1) {
				fprintf(stderr, "tally-fcgi: --%s: %s\n", ch ==
				    'E' ? "keep-days" : "upload-grace", err);
				return 1;
			}
			*(ch == 'E' ? &c.keep_days : &c.upload_grace) = (int)v;
			break;
		}
		case 'N':
			if (opt_int("node", optarg, 0, JOB_NODE_MAX,
			    &node) == -1)
				return 1;
			c.api.node = c.api.submit.node = (unsigned)node;
			break;
		case 'p':
			if (c.api.npeers == PEERS_MAX) {
				fprintf(stderr, "tally-fcgi: at most %d peers\n",
				    PEERS_MAX);
				return 1;
			}
			if (peer_parse(optarg, &peers[c.api.npeers], err,
			    sizeof(err)) == -1) {
				fprintf(stderr, "tally-fcgi: --peer: %s\n", err);
				return 1;
			}
			c.api.npeers++;
			break;
		case 'W':
			if (opt_int("peer-timeout", optarg, 1, 60000,
			    &c.api.peer_timeout_ms) == -1)
				return 1;
			break;
		case 'h':
			fputs(usage, stdout);
			fputs(help, stdout);
			return 0;
		case 'C':
			fputs("tally-fcgi: --config may be given once\n",
			    stderr);
			return 1;
		default:
			fputs(usage, stderr);
			return 1;
		}
	}
	if (optind < argc)
		return key_command(keys, argc - optind, argv + optind, admin);
	if (c.socket == NULL || db == NULL || jobs == NULL || body == NULL) {
		fputs(usage, stderr);
		return 1;
	}
	if (priv_init(&priv, user, err, sizeof(err)) == -1) {
		fprintf(stderr, "tally-fcgi: %s\n", err);
		return 1;
	}
	/* Made as root, the log goes to the user, who reopens it on SIGHUP. */
	made = c.log != NULL && access(c.log, F_OK) == -1;
	reopen_log(c.log);
	if (made && priv_give(&priv, c.log, err, sizeof(err)) == -1) {
		log_msg(LOG_LEVEL_ERROR, NULL, "%s", err);
		return 1;
	}
	c.api.body_temp_given = body;
	if ((c.api.sched.jobs = folder(jobs, "jobs folder")) == NULL ||
	    (c.api.body_temp = folder(body, "body temp folder")) == NULL)
		return 1;
	if (stat(c.api.sched.jobs, &sj) == -1 ||
	    stat(c.api.body_temp, &sb) == -1 || sj.st_dev != sb.st_dev) {
		log_msg(LOG_LEVEL_ERROR, NULL, "the body temp folder %s and the "
		    "jobs folder %s are on different filesystems; uploads "
		    "are moved with rename(2), never copied, so put nginx's "
		    "client_body_temp_path beside the jobs folder",
		    c.api.body_temp, c.api.sched.jobs);
		return 1;
	}
	if ((tally = realpath(c.api.sched.tally, NULL)) == NULL ||
	    access(tally, X_OK) == -1) {
		log_msg(LOG_LEVEL_ERROR, NULL, "the job runner %s is not an "
		    "executable: %s", c.api.sched.tally, strerror(errno));
		return 1;
	}
	c.api.sched.tally = tally;
	if ((c.api.sched.db = realpath(db, NULL)) == NULL) {
		/* Not created yet: store_open() will. */
		c.api.sched.db = db;
	}
	c.api.sched.log = c.log;

	for (i = 0; i < (int)c.api.npeers; i++)
		if (peers[i].node == c.api.node) {
			log_msg(LOG_LEVEL_ERROR, NULL, "--peer %u is this node's "
			    "own number (--node)", peers[i].node);
			return 1;
		}

	if (FCGX_Init() != 0) {
		log_msg(LOG_LEVEL_ERROR, NULL, "FCGX_Init failed");
		return 1;
	}
	if (c.socket[0] != ':' && strchr(c.socket, ':') == NULL)
		unlink(c.socket);
	if ((sock = FCGX_OpenSocket(c.socket, 128)) < 0) {
		log_msg(LOG_LEVEL_ERROR, NULL, "cannot listen on %s", c.socket);
		return 1;
	}
	if (conn_listen(sock) == -1) {
		log_msg(LOG_LEVEL_ERROR, NULL, "%s: %s", c.socket,
		    strerror(errno));
		return 1;
	}
	if (c.socket[0] != ':' && strchr(c.socket, ':') == NULL) {
		chmod(c.socket, c.socket_mode);
		if (priv_give(&priv, c.socket, err, sizeof(err)) == -1) {
			log_msg(LOG_LEVEL_ERROR, NULL, "%s", err);
			return 1;
		}
		/*
		 * nginx's group, so its workers may connect while the rest
		 * of the daemon's files stay out of their reach; a member
		 * of that group or CAP_CHOWN (the unit's) may do this.
		 */
		if (sgroup != NULL && ((gr = getgrnam(sgroup)) == NULL ||
		    lchown(c.socket, (uid_t)-1, gr->gr_gid) == -1)) {
			log_msg(LOG_LEVEL_ERROR, NULL, "--socket-group %s: %s",
			    sgroup, gr == NULL ? "no such group" :
			    strerror(errno));
			return 1;
		}
	}

	/*
	 * The socket is bound: root is no longer needed.  From here on
	 * every file is opened as the user, workers and runners included,
	 * so check now that each is usable and say which is not.
	 */
	if (priv_drop(&priv, err, sizeof(err)) == -1) {
		log_msg(LOG_LEVEL_ERROR, NULL, "dropping root: %s", err);
		return 1;
	}
	if (snprintf(dbdir, sizeof(dbdir), "%s", c.api.sched.db) >=
	    (int)sizeof(dbdir)) {
		log_msg(LOG_LEVEL_ERROR, NULL, "--db: the path is too long");
		return 1;
	}
	if (priv_usable(&priv, "jobs folder", c.api.sched.jobs,
	    R_OK | W_OK, err, sizeof(err)) == -1 ||
	    priv_usable(&priv, "body temp folder", c.api.body_temp,
	    R_OK | W_OK, err, sizeof(err)) == -1 ||
	    priv_usable(&priv, "job runner", tally, X_OK, err,
	    sizeof(err)) == -1 ||
	    /* SQLite makes its -wal and -shm files beside the database. */
	    priv_usable(&priv, "database folder", dirname(dbdir), R_OK | W_OK,
	    err, sizeof(err)) == -1 ||
	    (access(c.api.sched.db, F_OK) == 0 && priv_usable(&priv,
	    "database", c.api.sched.db, R_OK | W_OK, err, sizeof(err)) == -1) ||
	    (c.log != NULL && priv_usable(&priv, "log", c.log, W_OK, err,
	    sizeof(err)) == -1) ||
	    (keys != NULL && priv_usable(&priv, "keys file", keys, R_OK, err,
	    sizeof(err)) == -1)) {
		log_msg(LOG_LEVEL_ERROR, NULL, "%s", err);
		return 1;
	}
	if (priv.active)
		log_msg(LOG_LEVEL_INFO, NULL, "running as user %s (uid %d, gid "
		    "%d)", priv.name, (int)priv.uid, (int)priv.gid);
	if (keys != NULL &&
	    (c.api.keys = owner_keys_open(keys, err, sizeof(err))) == NULL) {
		log_msg(LOG_LEVEL_ERROR, NULL, "%s", err);
		return 1;
	}

	/* Create or migrate the schema, and recover, before serving. */
	if ((s = store_open(c.api.sched.db, err, sizeof(err))) == NULL) {
		log_msg(LOG_LEVEL_ERROR, NULL, "%s", err);
		return 1;
	}
	/* Jobs of versions before node ids become this node's. */
	if ((i = sweep_adopt(s, c.api.sched.jobs, c.api.node, err,
	    sizeof(err))) == -1) {
		log_msg(LOG_LEVEL_ERROR, NULL, "%s", err);
		store_close(s);
		return 1;
	}
	if (i > 0)
		log_msg(LOG_LEVEL_INFO, NULL, "gave %d job%s of an earlier "
		    "version the ids of node %u", i, i == 1 ? "" : "s",
		    c.api.node);
	store_close(s);
	/* Made as the user, so that runners may write to it. */
	if ((wakefd = sched_wake_listen(c.api.sched.db, err,
	    sizeof(err))) == -1) {
		log_msg(LOG_LEVEL_ERROR, NULL, "%s", err);
		return 1;
	}
	/*
	 * Tests only (the daemon's environment, which no request reaches):
	 * a long tick shows that queued jobs start on wake-ups alone.
	 */
	if (getenv("TALLY_TICK_MS") != NULL)
		tick_ms = atoi(getenv("TALLY_TICK_MS"));

	c.api.pool = mmap(NULL, sizeof(*c.api.pool), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (c.api.pool == MAP_FAILED) {
		log_msg(LOG_LEVEL_ERROR, NULL, "mmap: %s", strerror(errno));
		return 1;
	}
	c.api.pool->configured = c.workers;
	c.api.pool->started = (double)time(NULL);

	install(SIGTERM, on_signal);
	install(SIGINT, on_signal);
	install(SIGHUP, on_signal);
	install(SIGCHLD, on_signal);
	signal(SIGPIPE, SIG_IGN);

	tick(&c);
	for (i = 0; i < c.workers; i++)
		pids[i] = start_worker(sock, &c);
	log_msg(LOG_LEVEL_INFO, NULL, "%d workers on %s, jobs in %s, at most "
	    "%d running", c.workers, c.socket, c.api.sched.jobs,
	    c.api.sched.max_running);

	for (;;) {
		/* Reap and replace. */
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
			for (i = 0; i < c.workers; i++)
				if (pids[i] == pid) {
					pids[i] = -1;
					if (!got_term) {
						log_msg(LOG_LEVEL_ERROR, NULL, ""
						    "worker %d died; "
						    "replacing it", (int)pid);
						c.api.pool->restarted++;
					}
				}
		got_chld = 0;
		alive = 0;
		for (i = 0; i < c.workers; i++) {
			if (pids[i] == -1 && !got_term)
				pids[i] = start_worker(sock, &c);
			alive += pids[i] > 0;
		}
		c.api.pool->alive = alive;

		if (got_term) {
			if (!c.api.pool->stopping) {
				c.api.pool->stopping = 1;
				drain_until = time(NULL) + DRAIN_SECONDS;
				for (i = 0; i < c.workers; i++)
					if (pids[i] > 0)
						kill(pids[i], SIGTERM);
			}
			if (alive == 0)
				break;
			if (time(NULL) >= drain_until)
				for (i = 0; i < c.workers; i++)
					if (pids[i] > 0)
						kill(pids[i], SIGKILL);
		}
		if (got_hup) {
			got_hup = 0;
			reopen_log(c.log);
			for (i = 0; i < c.workers; i++)
				if (pids[i] > 0)
					kill(pids[i], SIGHUP);
		}
		clock_gettime(CLOCK_MONOTONIC, &ts);
		t = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
		if (!got_term && t - last_tick >= tick_ms / 1000.0) {
			tick(&c);
			last_tick = t;
		}
		if (!got_chld && !got_term && !got_hup) {
			/* A runner that ends wakes this at once. */
			if (sched_wake_wait(wakefd, 100) && !got_term)
				kick(&c);
		} else if (got_term)
			usleep(20 * 1000);
	}
	close(sock);
	close(wakefd);
	if (c.socket[0] != ':' && strchr(c.socket, ':') == NULL)
		unlink(c.socket);
	log_msg(LOG_LEVEL_INFO, NULL, "stopped");
	/* What realpath() gave, so that a leak check at exit stays clean. */
	free((char *)c.api.sched.jobs);
	free((char *)c.api.body_temp);
	free(tally);
	if (c.api.sched.db != db)
		free((char *)c.api.sched.db);
	owner_keys_close(c.api.keys);	/* NULL-safe; closed once */
	return 0;
}
