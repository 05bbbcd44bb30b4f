// The client's generated protobuf classes. They are CommonJS modules whose exports Node's ES module
// loader cannot detect (goog.object.extend), so named imports fail under plain node: they are taken from
// each module's default export and re-exported here, as values and as types.
import codePb from '@eventstore/db-client/generated/code_pb.js';
import gossipPb from '@eventstore/db-client/generated/gossip_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';

export import Code = codePb.Code;
export import ClusterInfo = gossipPb.ClusterInfo;
export import EndPoint = gossipPb.EndPoint;
export import MemberInfo = gossipPb.MemberInfo;
export import SupportedMethod = serverFeaturesPb.SupportedMethod;
export import SupportedMethods = serverFeaturesPb.SupportedMethods;
export import AllStreamPosition = sharedPb.AllStreamPosition;
export import Empty = sharedPb.Empty;
export import StreamDeleted = sharedPb.StreamDeleted;
export import StreamIdentifier = sharedPb.StreamIdentifier;
export import UUID = sharedPb.UUID;
export import WrongExpectedVersion = sharedPb.WrongExpectedVersion;
export import Status = statusPb.Status;
export import AppendReq = streamsPb.AppendReq;
export import AppendResp = streamsPb.AppendResp;
export import BatchAppendReq = streamsPb.BatchAppendReq;
export import BatchAppendResp = streamsPb.BatchAppendResp;
export import DeleteReq = streamsPb.DeleteReq;
export import DeleteResp = streamsPb.DeleteResp;
export import ReadReq = streamsPb.ReadReq;
export import ReadResp = streamsPb.ReadResp;
export import TombstoneReq = streamsPb.TombstoneReq;
export import TombstoneResp = streamsPb.TombstoneResp;
