/* cmd_serve.c -- tidings serve [--port N] [--bind ADDR] [--db PATH]
 *                              [--token T] [--web DIR] [--threads N]
 *                              [--log FILE] [--max-per-address N] */
#include <arpa/inet.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "server/server.h"

static const char help[] =
    "usage: tidings serve [--db PATH] [--port N] [--bind ADDR] [--token T]\n"
    "                     [--web DIR] [--threads N] [--log FILE]\n"
    "                     [--max-per-address N] [--max-connections N]\n\n"
    "Serves the JSON API under /api/ and the web page at / over the store,\n"
    "while other processes may keep ingesting into it. Binds 127.0.0.1:8080\n"
    "unless told otherwise; --port 0 picks a free port. The first line on\n"
    "stdout is the URL served. --token (or $TIDINGS_TOKEN) requires\n"
    "'Authorization: Bearer T' on /api/. --web (or $TIDINGS_WEB) serves the\n"
    "page from a folder instead of the copy built into the binary. Stops on\n"
    "SIGINT or SIGTERM.\n\n"
    "--log FILE appends one line per reply in the common log format.\n"
    "--max-per-address N (default 256) caps the connections one client\n"
    "address may hold; more are answered 503 with Retry-After. A request\n"
    "head must arrive whole within 10 s. Past --max-connections open\n"
    "connections (default: what the descriptor limit allows, which is\n"
    "raised to its maximum) requests are answered 503 with Retry-After.\n\n"
    "endpoints: /api/stories /api/stories/ID /api/articles/ID\n"
    "           /api/entities /api/entities/NAME /api/search /api/health\n";

static int number(const char *opt, const char *s, long lo, long hi, long *v)
{
    char *end;
    long x = strtol(s, &end, 10);
    if (!*s || *end || x < lo || x > hi) {
        cli_error("serve", "%s wants a number from %ld to %ld, got '%s'", opt,
                  lo, hi, s);
        return 0;
    }
    *v = x;
    return 1;
}

/* 1 when addr (NULL: the default, 127.0.0.1) reaches only this machine. */
static int loopback(const char *addr)
{
    if (!addr)
        return 1;
    struct in_addr a4;
    struct in6_addr a6;
    if (inet_pton(AF_INET, addr, &a4) == 1)
        return (ntohl(a4.s_addr) >> 24) == 127;
    if (inet_pton(AF_INET6, addr, &a6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&a6) ||
               (IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127);
    return 1; /* not an address: td__server_start refuses it */
}

int cmd_serve(int argc, char **argv)
{
    cli_common c = {0};
    td__serve_config cfg = {0};
    long port = 8080, threads = 4, per = 0, maxc = 0;
    cfg.token = getenv("TIDINGS_TOKEN");
    cfg.web = getenv("TIDINGS_WEB");
    if (cfg.web && !*cfg.web)
        cfg.web = NULL;
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"json", no_argument, 0, 'j'},
                                         {"port", required_argument, 0, 'p'},
                                         {"bind", required_argument, 0, 'b'},
                                         {"token", required_argument, 0, 't'},
                                         {"web", required_argument, 0, 'w'},
                                         {"threads", required_argument, 0,
                                          'T'},
                                         {"log", required_argument, 0, 'l'},
                                         {"max-per-address",
                                          required_argument, 0, 'm'},
                                         {"max-connections",
                                          required_argument, 0, 'C'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "hp:", opts, NULL)) != -1) {
        switch (o) {
        case 'd': c.db = optarg; break;
        case 'j': c.json = 1; break;
        case 'p':
            if (!number("--port", optarg, 0, 65535, &port))
                return CLI_USAGE;
            break;
        case 'b': cfg.bind = optarg; break;
        case 't': cfg.token = optarg; break;
        case 'w': cfg.web = optarg; break;
        case 'T':
            if (!number("--threads", optarg, 1, 64, &threads))
                return CLI_USAGE;
            break;
        case 'l': cfg.log = optarg; break;
        case 'm':
            if (!number("--max-per-address", optarg, 1, 1000000, &per))
                return CLI_USAGE;
            break;
        case 'C':
            if (!number("--max-connections", optarg, 1, 1000000, &maxc))
                return CLI_USAGE;
            break;
        case 'h': fputs(help, stdout); return CLI_OK;
        default: fputs(help, stderr); return CLI_USAGE;
        }
    }
    if (optind < argc) {
        cli_error("serve", "unexpected argument '%s'", argv[optind]);
        return CLI_USAGE;
    }
    cfg.db = cli_db_path(&c);
    cfg.port = (unsigned)port;
    cfg.threads = (unsigned)threads;
    cfg.per_address = (unsigned)per;
    cfg.max_connections = (unsigned)maxc;
    if (!loopback(cfg.bind) && !(cfg.token && *cfg.token))
        fprintf(stderr,
                "tidings: serve: warning: binding %s, beyond loopback, "
                "without --token: anyone who can reach it reads the API\n",
                cfg.bind);

    /* The server's threads inherit this mask, so the signals reach only
     * sigwait below and shutdown happens on this thread, in order. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    td__server *s = NULL;
    char err[600];
    if (td__server_start(&cfg, &s, err, sizeof err) != 0) {
        cli_error("serve", "%s", err);
        return CLI_USAGE;
    }
    const char *host = cfg.bind ? cfg.bind : "127.0.0.1";
    int v6 = strchr(host, ':') != NULL;
    if (c.json) {
        char url[300];
        snprintf(url, sizeof url, "http://%s%s%s:%u/", v6 ? "[" : "", host,
                 v6 ? "]" : "", td__server_port(s));
        cli_print_json(json_pack("{s:s, s:I, s:s}", "url", url, "port",
                                 (json_int_t)td__server_port(s), "db",
                                 cfg.db));
    } else {
        printf("tidings: serving http://%s%s%s:%u/ (database %s)\n",
               v6 ? "[" : "", host, v6 ? "]" : "", td__server_port(s),
               cfg.db);
    }
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "tidings: serve: stopping (signal %d)\n", sig);
    td__server_stop(s);
    return CLI_OK;
}
