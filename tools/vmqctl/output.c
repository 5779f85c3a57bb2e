// SPDX-License-Identifier: GPL-2.0
/*
 * Listings are written to a buffer and reach stdout only once every
 * request behind them has succeeded, so a failure never leaves half a
 * listing, or half a JSON document, behind.  With -j a listing is one
 * JSON array of objects, empty when there is nothing to list.
 */
#define _GNU_SOURCE		/* open_memstream */
#include <errno.h>
#include <stdlib.h>

#include "vmqctl.h"

int out_open(struct out *o, const struct vmqctl_opts *opts)
{
	*o = (struct out){ 0 };
	o->f = open_memstream(&o->buf, &o->len);
	if (!o->f)
		return -errno;
	if (opts->json) {
		json_init(&o->json, o->f, false);
		o->j = &o->json;
		json_array_start(o->j);
	}
	return 0;
}

/*
 * @ret is the command's: 0, or an exit status after its own message.
 * Returns the exit status.
 */
int out_close(struct out *o, int ret)
{
	int err = 0;

	if (o->j) {
		json_array_end(o->j);
		err = json_finish(o->j);
	}
	if (fclose(o->f) && !err)
		err = -errno;
	if (!ret && !err)
		fwrite(o->buf, 1, o->len, stdout);
	free(o->buf);
	if (!ret && err)
		return fail(err, "format output");
	return ret;
}
