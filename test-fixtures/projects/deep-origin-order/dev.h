/* deep-origin-order: a member's origin is five copies deep in its writer, which also hands it to helpers. The answer
 * for the member must not depend on which file is checked first (the fixture test checks the files in both orders).
 * fixture-rules: iomem-plain-access */
struct dev { u32 *ring; dma_addr_t ring_dma; void __iomem *regs; void *shadow; };
