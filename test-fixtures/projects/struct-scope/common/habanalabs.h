/* A struct defined once (in common/) is shared by the files that use it in sibling directories (gaudi/). */
struct hl_device { void __iomem *wc_bar; void __iomem *regs; };
