/*
 * replay.c - runs a libFuzzer harness without libFuzzer: feeds each file
 * named on the command line (directories: each file in them) to
 * LLVMFuzzerTestOneInput once.  `make check` builds every
 * tests/fuzz/fuzz_X.c with this file under gcc (and ASan with SANITIZE=1)
 * and replays the corpus in tests/fuzz/corpus/X/.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (len == cap) {
			unsigned char *d;

			cap = cap ? cap * 2 : 4096;
			d = realloc(data, cap);
			if (!d) {
				fclose(f);
				free(data);
				fprintf(stderr, "%s: out of memory\n", path);
				return -1;
			}
			data = d;
		}
		n = fread(data + len, 1, cap - len, f);
		if (n == 0)
			break;
		len += n;
	}
	fclose(f);
	/* a copy of exactly len bytes, so that ASan sees reads past the end */
	{
		unsigned char *exact = malloc(len ? len : 1);

		if (!exact) {
			free(data);
			return -1;
		}
		if (len)
			memcpy(exact, data, len);
		free(data);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int files = 0, bad = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			DIR *d = opendir(argv[i]);
			struct dirent *e;

			if (!d) {
				perror(argv[i]);
				bad++;
				continue;
			}
			while ((e = readdir(d)) != NULL) {
				char p[4096];

				if (e->d_name[0] == '.')
					continue;
				snprintf(p, sizeof p, "%s/%s", argv[i], e->d_name);
				if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
					bad += run_file(p) < 0;
					files++;
				}
			}
			closedir(d);
		} else {
			bad += run_file(argv[i]) < 0;
			files++;
		}
	}
	fprintf(stderr, "replayed %d input(s)%s\n", files, bad ? ", some unreadable" : "");
	return bad ? 1 : 0;
}
