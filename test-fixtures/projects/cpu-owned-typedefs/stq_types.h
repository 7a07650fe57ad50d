/* Types of a status-queue driver in the style of ips.h: a union and a typedef of a pointer to it declared together
 * (`..., *PSTQ_STATUS`), a typedef of that typedef, and a callback type. */
typedef union {
	struct {
		volatile u8 reserved;
		volatile u8 command_id;
		volatile u8 basic_status;
		volatile u8 extended_status;
	} fields;
	volatile u32 value;
} STQ_STATUS, *PSTQ_STATUS;

typedef PSTQ_STATUS STQ_CURSOR;

typedef void (*stq_done_t)(void *arg);
