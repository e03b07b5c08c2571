// SPDX-License-Identifier: GPL-2.0
/*
 * syncbench.ko: module init/exit and the debugfs interface
 * /sys/kernel/debug/syncbench/{prims,version,config,run,result,calibrate}
 * (docs/DESIGN.md, "Kernel interface").
 *
 * Locking: sb_cfg_lock guards the current config, sb_result_lock the last
 * result text; sb_run_lock is held for a whole run and only ever try-locked
 * by writers of `run`, so a second run gets -EBUSY instead of waiting.
 * Readers get a snapshot taken at open(), so a long read never mixes two
 * records.
 *
 * Errors: config write -EINVAL (reason in the log, config untouched; also
 * for a write at a nonzero offset or one not ending in white space, see
 * sb_config_write()); run write -EINVAL for anything but "1" or "1\n",
 * -EFAULT for an unreadable buffer, before anything runs;
 * run write returns count when the run completed (even with violated
 * invariants: the result says so; or stopped early by a full quarantine:
 * status=stopped, measured until then), -EBUSY (a run in progress),
 * -EINVAL (config impossible now, e.g. a CPU went offline), -ENOMEM (its
 * worst-case memory does not fit what the machine can spare now: nothing
 * run, config unchanged, the reason in the log; or no memory), -EINTR (a
 * signal: result status=aborted), -EIO (status=failed, reason in the
 * result); result read before the first run: -ENODATA; calibrate: -EBUSY
 * during a run, -EINTR on a signal. rmmod while a run
 * is in progress is refused (module in use) by the open file's reference.
 */
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "prim.h"

static struct dentry *sb_dir;
static DEFINE_MUTEX(sb_cfg_lock);
static DEFINE_MUTEX(sb_run_lock);
static DEFINE_MUTEX(sb_result_lock);
static struct sb_config sb_cfg;		/* under sb_cfg_lock */
static char *sb_result_text;		/* under sb_result_lock; kvmalloc */
static size_t sb_result_len;
static bool sb_exiting;
static DECLARE_WAIT_QUEUE_HEAD(sb_exit_wq);

/* A read-only snapshot handed to one open file. */
struct sb_text {
	size_t len;
	char buf[];
};

static struct sb_text *sb_text_alloc(size_t len)
{
	struct sb_text *t = kvmalloc(sizeof(*t) + len + 1, GFP_KERNEL);

	if (t)
		t->len = 0;
	return t;
}

static ssize_t sb_text_read(struct file *file, char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	struct sb_text *t = file->private_data;

	if (!t)
		return -ENODATA;
	return simple_read_from_buffer(ubuf, count, ppos, t->buf, t->len);
}

static int sb_text_release(struct inode *inode, struct file *file)
{
	kvfree(file->private_data);
	return 0;
}

/* prims and version: fixed text. */
static int sb_prims_open(struct inode *inode, struct file *file)
{
	int len = sb_prim_names(NULL, 0, "\n");
	struct sb_text *t = sb_text_alloc(len + 1);

	if (!t)
		return -ENOMEM;
	t->len = sb_prim_names(t->buf, len + 1, "\n");
	t->buf[t->len++] = '\n';	/* one per line, the last one too */
	file->private_data = t;
	return 0;
}

static int sb_version_open(struct inode *inode, struct file *file)
{
	struct sb_text *t = sb_text_alloc(64);

	if (!t)
		return -ENOMEM;
	t->len = scnprintf(t->buf, 65, "syncbench %s result_schema=%d\n",
			   SB_VERSION, SB_RESULT_SCHEMA);
	file->private_data = t;
	return 0;
}

static int sb_config_open(struct inode *inode, struct file *file)
{
	struct sb_text *t;
	int len;

	if (!(file->f_mode & FMODE_READ))
		return 0;
	mutex_lock(&sb_cfg_lock);
	len = sb_config_print(&sb_cfg, SB_SIDE_KERNEL, NULL, 0);
	t = sb_text_alloc(len);
	if (t)
		t->len = sb_config_print(&sb_cfg, SB_SIDE_KERNEL, t->buf,
					 len + 1);
	mutex_unlock(&sb_cfg_lock);
	if (!t)
		return -ENOMEM;
	file->private_data = t;
	return 0;
}

/*
 * key=value pairs applied on top of the current config, all or nothing.
 * Each write is one complete text: written at offset 0 of its open file,
 * and ending with a newline (or other white space) after its last pair, as
 * echo writes it. A write at a nonzero offset is the rest of a text split
 * over several writes, and one that does not end in white space may be the
 * start of one (dd bs=12 of "update_pct=20\n" writes "update_pct=2"
 * first): applying either would apply what nobody wrote, so both are
 * refused before anything is parsed. A successful write advances the
 * offset, so a second write on the same open file is refused too.
 */
static ssize_t sb_config_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct sb_config tmp;
	char err[SB_ERR_LEN];
	char *text;
	ssize_t ret;

	if (*ppos) {
		pr_err("syncbench: config write at offset %lld: a config is one write at offset 0 (open the file again)\n",
		       (long long)*ppos);
		return -EINVAL;
	}
	if (count > SB_CONFIG_TEXT_MAX) {
		pr_err("syncbench: config write of %zu bytes is longer than %d\n",
		       count, SB_CONFIG_TEXT_MAX);
		return -EINVAL;
	}
	if (!count)
		return 0;
	text = memdup_user(ubuf, count);
	if (IS_ERR(text))
		return PTR_ERR(text);
	if (!isspace(text[count - 1])) {
		pr_err("syncbench: config write does not end in a newline: the last pair may be cut short (write it whole, ending in a newline)\n");
		kfree(text);
		return -EINVAL;
	}
	mutex_lock(&sb_cfg_lock);
	tmp = sb_cfg;
	if (sb_config_parse(&tmp, text, count, SB_SIDE_KERNEL, err,
			    sizeof(err)) ||
	    sb_validate(&tmp, NULL, err, sizeof(err))) {
		pr_err("syncbench: %s\n", err);
		ret = -EINVAL;
	} else {
		sb_cfg = tmp;
		ret = count;
		*ppos += count;
	}
	mutex_unlock(&sb_cfg_lock);
	kfree(text);
	return ret;
}

/* Print @r into a new text and make it the last result. */
static int sb_publish(const struct sb_result *r)
{
	int len = sb_result_print(r, SB_SIDE_KERNEL, NULL, 0);
	char *text = kvmalloc(len + 1, GFP_KERNEL);

	if (!text)
		return -ENOMEM;
	sb_result_print(r, SB_SIDE_KERNEL, text, len + 1);
	mutex_lock(&sb_result_lock);
	swap(text, sb_result_text);
	sb_result_len = len;
	mutex_unlock(&sb_result_lock);
	kvfree(text);
	return 0;
}

/*
 * run takes "1", optionally followed by a newline, and nothing else: an
 * empty write, "0" or anything longer runs nothing (-EINVAL), a buffer we
 * cannot read runs nothing (-EFAULT).
 */
static ssize_t sb_run_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	const struct sb_prim_ops *ops;
	struct sb_mem_plan plan;
	struct sb_result *r;
	struct sb_config cfg;
	char err[SB_ERR_LEN];
	char cmd[2];
	int ret;

	if (!count || count > sizeof(cmd)) {
		pr_err("syncbench: run: write 1 (and a newline, or not), not %zu bytes\n",
		       count);
		return -EINVAL;
	}
	if (copy_from_user(cmd, ubuf, count))
		return -EFAULT;
	if (cmd[0] != '1' || (count == 2 && cmd[1] != '\n')) {
		pr_err("syncbench: run: write 1 (and a newline, or not)\n");
		return -EINVAL;
	}
	if (!mutex_trylock(&sb_run_lock))
		return -EBUSY;
	mutex_lock(&sb_cfg_lock);
	cfg = sb_cfg;
	mutex_unlock(&sb_cfg_lock);
	if (sb_validate(&cfg, &ops, err, sizeof(err))) {
		pr_err("syncbench: run refused: %s\n", err);
		ret = -EINVAL;
		goto unlock;
	}
	/* Its worst case must fit what the machine can spare now. */
	if (sb_run_plan(&cfg, ops, &plan, err, sizeof(err))) {
		pr_err("syncbench: run refused: %s\n", err);
		ret = -ENOMEM;
		goto unlock;
	}
	/* ~60 KiB of histograms: never on the stack. */
	r = kvzalloc(sizeof(*r), SB_GFP_KV);
	if (!r) {
		ret = -ENOMEM;
		goto unlock;
	}
	ret = sb_run_bench(&cfg, ops, &plan, r, &sb_exit_wq, &sb_exiting);
	if (r->status != SB_STATUS_OK)
		pr_info("syncbench: run %s: %s\n",
			r->status == SB_STATUS_ABORTED ? "aborted" :
			r->status == SB_STATUS_STOPPED ? "stopped" : "failed",
			r->reason);
	/* Stopped, failed and aborted runs are results too: publish them. */
	if (sb_publish(r) && !ret)
		ret = -ENOMEM;
	kvfree(r);
unlock:
	mutex_unlock(&sb_run_lock);
	return ret ? ret : count;
}

/*
 * calibrate: measured at open() under the run lock (so never while a run
 * loads the machine, and never two at once), read as a snapshot.
 */
#define SB_CALIBRATE_LEN 1024

static int sb_calibrate_open(struct inode *inode, struct file *file)
{
	struct sb_text *t;
	int ret;

	if (!mutex_trylock(&sb_run_lock))
		return -EBUSY;
	t = sb_text_alloc(SB_CALIBRATE_LEN);
	if (!t) {
		ret = -ENOMEM;
		goto unlock;
	}
	ret = sb_calibrate(t->buf, SB_CALIBRATE_LEN + 1);
	if (ret < 0) {
		kvfree(t);
		goto unlock;
	}
	t->len = ret;
	file->private_data = t;
	ret = 0;
unlock:
	mutex_unlock(&sb_run_lock);
	return ret;
}

static int sb_result_open(struct inode *inode, struct file *file)
{
	struct sb_text *t = NULL;
	bool have;

	mutex_lock(&sb_result_lock);
	have = !!sb_result_text;
	if (have) {
		t = sb_text_alloc(sb_result_len);
		if (t) {
			memcpy(t->buf, sb_result_text, sb_result_len);
			t->len = sb_result_len;
		}
	}
	mutex_unlock(&sb_result_lock);
	/* Decided under the lock: a run may publish its first result now. */
	if (have && !t)
		return -ENOMEM;
	file->private_data = t;
	return 0;
}

/*
 * .owner pins the module while a file is open (debugfs takes the module
 * reference at open), so a run in progress (a write to `run`) can never
 * see the module go away underneath it.
 */
static const struct file_operations sb_prims_fops = {
	.owner = THIS_MODULE,
	.open = sb_prims_open,
	.read = sb_text_read,
	.release = sb_text_release,
	.llseek = default_llseek,
};

static const struct file_operations sb_version_fops = {
	.owner = THIS_MODULE,
	.open = sb_version_open,
	.read = sb_text_read,
	.release = sb_text_release,
	.llseek = default_llseek,
};

static const struct file_operations sb_config_fops = {
	.owner = THIS_MODULE,
	.open = sb_config_open,
	.read = sb_text_read,
	.write = sb_config_write,
	.release = sb_text_release,
	.llseek = default_llseek,
};

static const struct file_operations sb_run_fops = {
	.owner = THIS_MODULE,
	.write = sb_run_write,
	.llseek = noop_llseek,
};

static const struct file_operations sb_calibrate_fops = {
	.owner = THIS_MODULE,
	.open = sb_calibrate_open,
	.read = sb_text_read,
	.release = sb_text_release,
	.llseek = default_llseek,
};

static const struct file_operations sb_result_fops = {
	.owner = THIS_MODULE,
	.open = sb_result_open,
	.read = sb_text_read,
	.release = sb_text_release,
	.llseek = default_llseek,
};

static int __init sb_init(void)
{
	int ret = sb_prims_selftest();

	if (ret)
		return ret;
	sb_clock_init();
	sb_config_default(&sb_cfg, SB_SIDE_KERNEL);
	sb_dir = debugfs_create_dir("syncbench", NULL);
	if (IS_ERR(sb_dir)) {
		pr_err("syncbench: cannot create the debugfs directory: %ld\n",
		       PTR_ERR(sb_dir));
		return PTR_ERR(sb_dir);
	}
	debugfs_create_file("prims", 0444, sb_dir, NULL, &sb_prims_fops);
	debugfs_create_file("version", 0444, sb_dir, NULL, &sb_version_fops);
	debugfs_create_file("config", 0644, sb_dir, NULL, &sb_config_fops);
	debugfs_create_file("run", 0200, sb_dir, NULL, &sb_run_fops);
	debugfs_create_file("result", 0444, sb_dir, NULL, &sb_result_fops);
	debugfs_create_file("calibrate", 0444, sb_dir, NULL,
			    &sb_calibrate_fops);
	pr_info("syncbench %s loaded, clock %s, tsc_khz %llu\n", SB_VERSION,
		sb_clk.tsc ? "tsc" : "monotonic", sb_clk.tsc ? sb_clk.khz : 0);
	return 0;
}

/*
 * No run can be in progress here (an open `run` file pins the module), but
 * be defensive: tell a run to stop, remove the files (debugfs waits for
 * file operations in flight), wait for the run lock, then for every RCU
 * callback we queued.
 */
static void __exit sb_exit(void)
{
	WRITE_ONCE(sb_exiting, true);
	wake_up_all(&sb_exit_wq);
	debugfs_remove_recursive(sb_dir);
	mutex_lock(&sb_run_lock);
	mutex_unlock(&sb_run_lock);
	rcu_barrier();
	kvfree(sb_result_text);
}

module_init(sb_init);
module_exit(sb_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("syncbench");
MODULE_DESCRIPTION("Synchronisation primitive microbenchmark (the primitives: debugfs syncbench/prims)");
MODULE_VERSION(SB_VERSION);
