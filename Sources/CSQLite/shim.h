// The system SQLite C library (Debian/Ubuntu: libsqlite3-dev; macOS: the SDK).
// RunStore wraps it in a small Swift layer; nothing else imports this module.
#include <sqlite3.h>
