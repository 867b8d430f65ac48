// epoll(7) and eventfd(2): Swift's Glibc module leaves these headers out.
// Support's Reactor is their only user.
#include <sys/epoll.h>
#include <sys/eventfd.h>
