-- CreateTable
CREATE TABLE "cluster_instances" (
    "instance_id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "session_pid" INTEGER NOT NULL,
    "heartbeat_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cluster_instances_pkey" PRIMARY KEY ("instance_id")
);
