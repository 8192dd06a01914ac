/**
 * Segment ids the reader knows (envelope + the supply-chain sets it meets: 810 832 846 850 855 856 940 943 944 945
 * 997 and their common neighbours). An id outside this list is "unrecognized segment ID" (AK304 code 1): such a set is
 * rejected rather than silently half-read. Extend the list when a partner's guide uses another standard segment.
 */
const IDS = `
ISA GS ST SE GE IEA TA1
AK1 AK2 AK3 AK4 AK5 AK9 IK3 IK4 IK5 CTX
ACK ADV AMT AT7 BAK BCH BCO BCT BEG BIA BIG BPR BSN BSS BGN BAU BNX BX
CAD CDD CN1 CPA CSH CTB CTP CTT CUR DTM DTP
FA1 FA2 FOB FST G01 G05 G15 G17 G18 G19 G20 G23 G24 G28 G36 G39 G43 G46 G47 G49 G50 G53 G54 G55 G61 G62 G66 G68 G69 G72 G73
HL IN1 IN2 INC ISS IT1 IT3 IT8 ITA ITD JIT LDT LE LH1 LH2 LH3 LHE LHR LIN LM LQ LS LX
MAN MEA MSG MTX N1 N2 N3 N4 N9 NCD NTE PAL PAM PCT PER PID PKG PO1 PO3 PO4 POC PRF PRS PSD PWK QTY
REF RTT SAC SCH SDQ SHP SI SLN SN1 SPI SSS SUB TC2 TD1 TD3 TD4 TD5 TDS TED TXI UIT
W01 W02 W03 W04 W05 W06 W07 W08 W09 W10 W12 W13 W14 W15 W17 W18 W19 W20 W21 W27 W28 W66 W76 W79 YNQ
LIE PI II TMD LIE CM LOC SDQ ZA N5 NX1 NX2 PRR ITA IT5 PCT
`;

export const KNOWN_SEGMENT_IDS: ReadonlySet<string> = new Set(IDS.split(/\s+/).filter(Boolean));

/** Shape of a segment id: 2-3 characters, letter first, upper-case letters and digits. */
export const SEGMENT_ID_PATTERN = /^[A-Z][A-Z0-9]{1,2}$/;
