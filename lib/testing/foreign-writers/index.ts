/**
 * Independent writers of the foreign formats Margin imports (Label Studio, doccano, W3C Web Annotation,
 * brat, spaCy/Prodigy, CoNLL-2003), each built from its format's own documentation and never from Margin's
 * exporters, so that an import test fed by them checks Margin against the format rather than against itself.
 * Each takes the neutral model in ./model.ts.
 */
export * from "./model";
export { writeBrat, writeBratZip } from "./brat";
export { writeConll, type ConllScheme } from "./conll";
export { writeDoccano, type DoccanoVariant } from "./doccano";
export { writeLabelStudio } from "./labelstudio";
export { writeProdigy } from "./spacy";
export { tokenize, type WriterToken } from "./tokens";
export { writeW3c, type W3cFlavour } from "./w3c";
