/* child.c - a helper program as a bounded child process (see child.h).
 *
 * posix_spawn with pipes made close-on-exec (so that children started by
 * other threads at the same time do not inherit them), a poll() loop over
 * the child's stdout and stderr against a monotonic deadline, SIGKILL at the
 * time limit or the output cap, and waitpid() on every path. The input file
 * lives in a directory made by mkdtemp() and is removed before returning. */
#define _GNU_SOURCE /* pipe2 */
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_ARGS 32

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Write data into dir/input, dir a new private directory. 0 or -1. */
static int make_input(char *dir, size_t dirlen, char *path, size_t pathlen, const char *data,
                      size_t len)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp || tmp[0] != '/')
        tmp = "/tmp";
    if ((size_t)snprintf(dir, dirlen, "%s/gapscan-XXXXXX", tmp) >= dirlen)
        return -1;
    if (!mkdtemp(dir))
        return -1;
    if ((size_t)snprintf(path, pathlen, "%s/input", dir) >= pathlen) {
        rmdir(dir);
        return -1;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        rmdir(dir);
        return -1;
    }
    int rc = write_all(fd, data, len);
    if (close(fd) != 0)
        rc = -1;
    if (rc) {
        unlink(path);
        rmdir(dir);
    }
    return rc;
}

/* The program `name` in PATH (or `name` itself when it holds a '/') into
 * path[len]: 0, or -1 when there is no executable file by that name. Looked
 * up here rather than left to posix_spawnp, whose report of a failed exec
 * depends on how the C library (or a tool like valgrind) clones. */
static int find_program(const char *name, char *path, size_t len)
{
    if (strchr(name, '/')) {
        if ((size_t)snprintf(path, len, "%s", name) >= len)
            return -1;
        return access(path, X_OK);
    }
    const char *dirs = getenv("PATH");
    if (!dirs || !*dirs)
        dirs = "/usr/local/bin:/usr/bin:/bin";
    while (*dirs) {
        const char *end = strchr(dirs, ':');
        size_t n = end ? (size_t)(end - dirs) : strlen(dirs);
        struct stat sb;
        if (n > 0 && (size_t)snprintf(path, len, "%.*s/%s", (int)n, dirs, name) < len &&
            stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && access(path, X_OK) == 0)
            return 0;
        dirs += n;
        if (*dirs == ':')
            dirs++;
    }
    return -1;
}

/* Kill and reap the child; returns its wait status. */
static int kill_reap(pid_t pid)
{
    int ws = 0;
    kill(pid, SIGKILL);
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
        ;
    return ws;
}

int gs_child_run(const char *const argv[], const char *data, size_t len,
                 int timeout_ms, size_t max_out, gs_buf *out, gs_child_res *res)
{
    memset(res, 0, sizeof *res);
    char dir[PATH_MAX], path[PATH_MAX], prog[PATH_MAX];
    char *args[MAX_ARGS + 1];
    size_t nargs = 0;
    for (; argv[nargs]; nargs++)
        if (nargs == MAX_ARGS)
            return GS_CHILD_FAILED;
    if (find_program(argv[0], prog, sizeof prog))
        return GS_CHILD_NOTFOUND;
    int have_input = data != NULL;
    if (have_input && make_input(dir, sizeof dir, path, sizeof path, data, len))
        return GS_CHILD_FAILED;
    for (size_t i = 0; i < nargs; i++)
        args[i] = (char *)(have_input && !strcmp(argv[i], GS_CHILD_INPUT) ? path : argv[i]);
    args[nargs] = NULL;

    int rc = GS_CHILD_FAILED;
    int po[2] = {-1, -1}, pe[2] = {-1, -1};
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    int fa_ok = 0, attr_ok = 0;
    pid_t pid = -1;
    if (pipe2(po, O_CLOEXEC) || pipe2(pe, O_CLOEXEC))
        goto done;
    if (posix_spawn_file_actions_init(&fa))
        goto done;
    fa_ok = 1;
    if (posix_spawnattr_init(&attr))
        goto done;
    attr_ok = 1;
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    if (posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0) ||
        posix_spawn_file_actions_adddup2(&fa, po[1], 1) ||
        posix_spawn_file_actions_adddup2(&fa, pe[1], 2) ||
        posix_spawnattr_setsigmask(&attr, &none) || posix_spawnattr_setsigdefault(&attr, &all) ||
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        goto done;
    int e = posix_spawn(&pid, prog, &fa, &attr, args, environ);
    if (e) {
        pid = -1;
        rc = e == ENOENT ? GS_CHILD_NOTFOUND : e == ENOMEM ? GS_CHILD_NOMEM : GS_CHILD_FAILED;
        goto done;
    }
    close(po[1]);
    close(pe[1]);
    po[1] = pe[1] = -1;

    long long deadline = now_ms() + timeout_ms;
    size_t out_start = out->len;
    size_t nerr = 0;
    int open_out = 1, open_err = 1, ws = 0, reaped = 0;
    long nap_ns = 100 * 1000;
    char chunk[65536];
    rc = GS_CHILD_RAN;
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0) {
            res->timed_out = 1;
            break;
        }
        if (!open_out && !open_err) {
            /* both pipes closed: wait for the exit, still within the limit */
            pid_t w = waitpid(pid, &ws, WNOHANG);
            if (w == pid) {
                reaped = 1;
                break;
            }
            if (w < 0 && errno != EINTR) {
                reaped = 1; /* cannot wait (SIGCHLD ignored by the host program) */
                ws = 0;
                break;
            }
            /* the child usually exits right after closing its output:
             * wait 0.1 ms first, doubling up to 5 ms (a fixed 5 ms was a
             * third of the time of reading a one-page PDF) */
            struct timespec ts = {0, nap_ns};
            nanosleep(&ts, NULL);
            if (nap_ns < 5 * 1000 * 1000)
                nap_ns *= 2;
            continue;
        }
        struct pollfd pfd[2];
        nfds_t n = 0;
        if (open_out)
            pfd[n++] = (struct pollfd){.fd = po[0], .events = POLLIN};
        if (open_err)
            pfd[n++] = (struct pollfd){.fd = pe[0], .events = POLLIN};
        int pr = poll(pfd, n, left > INT_MAX ? INT_MAX : (int)left);
        if (pr < 0) {
            if (errno == EINTR)
                continue;
            rc = GS_CHILD_FAILED;
            break;
        }
        for (nfds_t i = 0; i < n; i++) {
            if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t r = read(pfd[i].fd, chunk, sizeof chunk);
            if (r < 0 && (errno == EINTR || errno == EAGAIN))
                continue;
            int is_out = pfd[i].fd == po[0];
            if (r <= 0) {
                if (is_out)
                    open_out = 0;
                else
                    open_err = 0;
                continue;
            }
            if (is_out) {
                if ((size_t)r > max_out - (out->len < max_out ? out->len : max_out)) {
                    res->too_big = 1;
                    break;
                }
                if (gs_buf_append(out, chunk, (size_t)r)) {
                    rc = GS_CHILD_NOMEM;
                    break;
                }
            } else if (nerr + 1 < sizeof res->err) {
                size_t k = (size_t)r < sizeof res->err - 1 - nerr ? (size_t)r : sizeof res->err - 1 - nerr;
                memcpy(res->err + nerr, chunk, k);
                nerr += k;
                res->err[nerr] = '\0';
            }
        }
        if (res->too_big || rc != GS_CHILD_RAN)
            break;
    }
    if (!reaped)
        ws = kill_reap(pid);
    if (!res->timed_out && !res->too_big) {
        if (WIFEXITED(ws)) {
            res->exited = 1;
            res->code = WEXITSTATUS(ws);
        } else if (WIFSIGNALED(ws)) {
            res->signaled = 1;
        }
    }
    /* 127 without a word: the exec itself failed in the child */
    if (rc == GS_CHILD_RAN && res->exited && res->code == 127 && out->len == out_start &&
        !res->err[0])
        rc = GS_CHILD_NOTFOUND;

done:
    if (po[0] >= 0)
        close(po[0]);
    if (po[1] >= 0)
        close(po[1]);
    if (pe[0] >= 0)
        close(pe[0]);
    if (pe[1] >= 0)
        close(pe[1]);
    if (fa_ok)
        posix_spawn_file_actions_destroy(&fa);
    if (attr_ok)
        posix_spawnattr_destroy(&attr);
    if (have_input) {
        unlink(path);
        rmdir(dir);
    }
    return rc;
}
