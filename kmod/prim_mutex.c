// SPDX-License-Identifier: GPL-2.0
/* mutex: a sleeping lock; waiters may block instead of spinning. */
#include <linux/mutex.h>
#include "prim.h"

/* Each bucket's lock (buckets=N): its own, in the bucket. */
static int sb_mutex_lock_init(struct sb_run *run, void *lock)
{
	struct mutex *l = lock;

	mutex_init(l);
	return 0;
}

static int sb_mutex_check(const struct sb_config *cfg, char *err,
			  size_t errlen)
{
	if (cfg->irq_hz) {
		sb_snprintf(err, errlen,
			    "prim mutex: irq_hz must be 0: a mutex cannot be taken in interrupt context");
		return -1;
	}
	return 0;
}

static __always_inline int sb_mutex_lookup(struct sb_thread *t,
					   struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	struct mutex *l = sb_bucket_lock(b);
	int ret;

	mutex_lock(l);
	ret = sb_lookup_locked(t, run, b, key);
	mutex_unlock(l);
	return ret;
}

static __always_inline int sb_mutex_update(struct sb_thread *t,
					   struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	struct mutex *l = sb_bucket_lock(b);
	int ret;

	mutex_lock(l);
	ret = sb_update_locked(t, run, b, key);
	mutex_unlock(l);
	return ret;
}

#define SB_LOOP sb_mutex_loop
#define SB_LOOKUP sb_mutex_lookup
#define SB_UPDATE sb_mutex_update
#include "worker.h"

const struct sb_prim_ops sb_prim_mutex = {
	.name = "mutex",
	.check = sb_mutex_check,
	.loop = sb_mutex_loop,
	.lock_size = sizeof(struct mutex),
	.lock_init = sb_mutex_lock_init,
};
