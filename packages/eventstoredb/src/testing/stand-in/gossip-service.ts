// Gossip.Read: a one-member cluster whose leader is the stand-in itself, so `esdb+discover://` and
// multi-host connection strings (the example's three-node cluster) resolve to it.
import type { IGossipServer } from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import { ClusterInfo, EndPoint, MemberInfo } from './generated.js';
import { uuidMessage } from './protocol.js';

export function gossipService(
  endpoint: () => { readonly address: string; readonly port: number },
  instanceId: string,
): IGossipServer {
  return {
    read(_call, callback) {
      const { address, port } = endpoint();
      const leader = new MemberInfo()
        .setInstanceId(uuidMessage(instanceId))
        .setTimeStamp(String(Date.now() * 10_000))
        .setState(MemberInfo.VNodeState.LEADER)
        .setIsAlive(true)
        .setHttpEndPoint(new EndPoint().setAddress(address).setPort(port));
      callback(null, new ClusterInfo().setMembersList([leader]));
    },
  };
}
