// SPDX-License-Identifier: GPL-2.0
/*
 * A slice's memory pool: pages taken from the slice's nodes when the pool
 * grows, zeroed, off the LRU (so never reclaimed or migrated), and handed
 * to userspace through /dev/lpar/<slice> as a shared mapping that QEMU can
 * use as guest RAM (memory-backend-file, share=on).
 *
 * The pages are ordinary order-0 struct pages inserted with
 * vm_insert_pages(), so get_user_pages()/pin_user_pages() work on the
 * mapping and KVM and vhost can use it. The pool is reference counted: the
 * slice, every open file and every mapping hold it, so a slice destroyed
 * by force frees its pages only when the last user is gone.
 */

#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "lpar.h"

/* Try 2 MiB blocks first: fewer allocations, and THP-sized runs. */
#define POOL_BLOCK_ORDER	HPAGE_PMD_ORDER

struct lpar_pool {
	struct kref ref;
	struct miscdevice misc;
	char devname[LPAR_SLICE_NAME_MAX + 8];
	char nodename[LPAR_SLICE_NAME_MAX + 8];
	/* pages[] and nr_pages change under lock; mmap reads under it */
	struct mutex lock;
	struct page **pages;
	unsigned long nr_pages;
	unsigned long capacity;
	atomic_t mappings;
	bool dead;
};

static void pool_free_pages(struct lpar_pool *pool, unsigned long from)
{
	unsigned long i;

	for (i = from; i < pool->nr_pages; i++)
		__free_page(pool->pages[i]);
	pool->nr_pages = from;
}

static void pool_release(struct kref *ref)
{
	struct lpar_pool *pool = container_of(ref, struct lpar_pool, ref);

	pool_free_pages(pool, 0);
	kvfree(pool->pages);
	kfree(pool);
}

static void pool_put(struct lpar_pool *pool)
{
	kref_put(&pool->ref, pool_release);
}

static int pool_reserve(struct lpar_pool *pool, unsigned long nr)
{
	struct page **pages;

	if (nr <= pool->capacity)
		return 0;
	pages = kvcalloc(nr, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	if (pool->nr_pages)
		memcpy(pages, pool->pages, pool->nr_pages * sizeof(*pages));
	kvfree(pool->pages);
	pool->pages = pages;
	pool->capacity = nr;
	return 0;
}

/* Add @bytes from node @nid; on failure the pool is as it was. */
int lpar_pool_grow(struct lpar_pool *pool, int nid, u64 bytes)
{
	const gfp_t gfp = GFP_HIGHUSER | __GFP_THISNODE | __GFP_ZERO |
			  __GFP_NOWARN;
	unsigned long want = bytes >> PAGE_SHIFT, start, got = 0;
	unsigned int order, i;
	struct page *page;
	int err;

	mutex_lock(&pool->lock);
	start = pool->nr_pages;
	err = pool_reserve(pool, start + want);
	if (err)
		goto out;
	while (got < want) {
		order = want - got >= (1UL << POOL_BLOCK_ORDER) ?
			POOL_BLOCK_ORDER : 0;
		page = alloc_pages_node(nid, gfp | (order ? __GFP_NORETRY :
						     __GFP_RETRY_MAYFAIL), order);
		if (!page && order)
			page = alloc_pages_node(nid, gfp | __GFP_RETRY_MAYFAIL,
						order = 0);
		if (!page) {
			err = -ENOMEM;
			pool_free_pages(pool, start);
			goto out;
		}
		/* vm_insert_pages() takes order-0 pages with their own counts. */
		if (order)
			split_page(page, order);
		for (i = 0; i < (1U << order); i++)
			pool->pages[pool->nr_pages++] = page + i;
		got += 1UL << order;
		cond_resched();
	}
out:
	mutex_unlock(&pool->lock);
	return err;
}

/*
 * Give back @bytes from the end, debiting both per-node counters for each
 * page's node. Refused while mapped, unless @force (undoing a grow that
 * failed half way): a page still mapped is then only freed when unmapped.
 */
int lpar_pool_shrink(struct lpar_pool *pool, u64 bytes, u64 *slice_bytes,
		     u64 *host_bytes, bool force)
{
	unsigned long drop = bytes >> PAGE_SHIFT, i;
	int err = 0, nid;

	mutex_lock(&pool->lock);
	if (atomic_read(&pool->mappings) && !force) {
		err = -EBUSY;
	} else {
		drop = min(drop, pool->nr_pages);
		for (i = pool->nr_pages - drop; i < pool->nr_pages; i++) {
			nid = page_to_nid(pool->pages[i]);
			slice_bytes[nid] -= PAGE_SIZE;
			host_bytes[nid] -= PAGE_SIZE;
		}
		pool_free_pages(pool, pool->nr_pages - drop);
	}
	mutex_unlock(&pool->lock);
	return err;
}

u64 lpar_pool_bytes(struct lpar_pool *pool)
{
	return (u64)READ_ONCE(pool->nr_pages) << PAGE_SHIFT;
}

unsigned int lpar_pool_mappings(struct lpar_pool *pool)
{
	return atomic_read(&pool->mappings);
}

const char *lpar_pool_devname(struct lpar_pool *pool)
{
	return pool->nodename;
}

static void pool_vm_open(struct vm_area_struct *vma)
{
	struct lpar_pool *pool = vma->vm_private_data;

	kref_get(&pool->ref);
	atomic_inc(&pool->mappings);
}

static void pool_vm_close(struct vm_area_struct *vma)
{
	struct lpar_pool *pool = vma->vm_private_data;

	atomic_dec(&pool->mappings);
	pool_put(pool);
}

/* Every page is inserted at mmap time: a fault means a stray access. */
static vm_fault_t pool_vm_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct pool_vm_ops = {
	.open	= pool_vm_open,
	.close	= pool_vm_close,
	.fault	= pool_vm_fault,
};

static int pool_open(struct inode *inode, struct file *file)
{
	struct miscdevice *misc = file->private_data;
	struct lpar_pool *pool = container_of(misc, struct lpar_pool, misc);

	/* misc_open() holds misc_mtx: the pool is not being destroyed. */
	kref_get(&pool->ref);
	file->private_data = pool;
	return 0;
}

static int pool_release_file(struct inode *inode, struct file *file)
{
	pool_put(file->private_data);
	return 0;
}

static int pool_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct lpar_pool *pool = file->private_data;
	unsigned long num = vma_pages(vma);
	int err;

	/* Private copies of guest RAM would defeat the point of a pool. */
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;

	mutex_lock(&pool->lock);
	err = -ENODEV;
	if (pool->dead)
		goto out;
	err = -ENXIO;
	if (vma->vm_pgoff > pool->nr_pages ||
	    num > pool->nr_pages - vma->vm_pgoff)
		goto out;

	vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP;
	vma->vm_ops = &pool_vm_ops;
	vma->vm_private_data = pool;
	err = vm_insert_pages(vma, vma->vm_start, pool->pages + vma->vm_pgoff,
			      &num);
	if (!err)
		pool_vm_open(vma);
out:
	mutex_unlock(&pool->lock);
	return err;
}

/* QEMU sizes a memory backend with lseek(SEEK_END). */
static loff_t pool_llseek(struct file *file, loff_t offset, int whence)
{
	struct lpar_pool *pool = file->private_data;

	return fixed_size_llseek(file, offset, whence, lpar_pool_bytes(pool));
}

static const struct file_operations pool_fops = {
	.owner		= THIS_MODULE,
	.open		= pool_open,
	.release	= pool_release_file,
	.mmap		= pool_mmap,
	.llseek		= pool_llseek,
};

struct lpar_pool *lpar_pool_create(const char *name)
{
	struct lpar_pool *pool;
	int err;

	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return ERR_PTR(-ENOMEM);
	kref_init(&pool->ref);
	mutex_init(&pool->lock);
	atomic_set(&pool->mappings, 0);
	snprintf(pool->devname, sizeof(pool->devname), "lpar_%s", name);
	snprintf(pool->nodename, sizeof(pool->nodename), "lpar/%s", name);
	pool->misc.minor = MISC_DYNAMIC_MINOR;
	pool->misc.name = pool->devname;
	pool->misc.nodename = pool->nodename;
	pool->misc.mode = 0600;
	pool->misc.fops = &pool_fops;
	err = misc_register(&pool->misc);
	if (err) {
		kfree(pool);
		return ERR_PTR(err);
	}
	return pool;
}

/* The slice is gone: no new opens or mappings; pages go with the last user. */
void lpar_pool_destroy(struct lpar_pool *pool)
{
	misc_deregister(&pool->misc);
	mutex_lock(&pool->lock);
	pool->dead = true;
	mutex_unlock(&pool->lock);
	pool_put(pool);
}
