-- AlterEnum
ALTER TYPE "AnnotationEventKind" ADD VALUE 'imported';
