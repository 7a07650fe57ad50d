/* The program's own barriers, spelled as the kernel's (what a small userspace driver copies): a store barrier that
 * orders device memory. Not analysed as a definition here: the tool knows wmb() by name. */
void wmb(void);
