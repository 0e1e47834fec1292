/**
 * Block Kit limits (from @slack/types and Slack's reference). Slack rejects a payload that breaks any
 * of them, so the renderers cut, split, page or summarise before sending.
 */
export const LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  id: 255,
  actionsElements: 25,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  modalTitle: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  placeholder: 150,
  textInput: 3000,
  /** Slack fails a message with `msg_blocks_too_long` at about 13,000 characters of text: keep a margin. */
  messageChars: 12_000,
} as const;
